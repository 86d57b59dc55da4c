"""More channels real plans name, with their spellings (the format of 0002_channels).

A spelling belongs to one channel only: "phương tiện thông tin đại chúng" and "tạp chí"
leave "Báo chí", "khẩu hiệu" leaves "Pa nô, áp phích, băng rôn", each for its own new
channel. Banners (băng rôn) already have a channel; pennants (phướn) join it.
"""

from django.db import migrations

NEW_CHANNELS = [
    ("phuong-tien-thong-tin-dai-chung", "Phương tiện thông tin đại chúng",
     "Các phương tiện thông tin đại chúng nói chung, khi văn bản không nêu cụ thể loại hình.",
     ["phương tiện thông tin đại chúng", "các phương tiện thông tin đại chúng", "thông tin đại chúng"]),
    ("tap-chi-ban-tin", "Tạp chí, bản tin", "Tạp chí, bản tin, đặc san của ngành và địa phương.",
     ["tạp chí", "bản tin", "đặc san", "bản tin nội bộ"]),
    ("phong-su-video", "Phóng sự, video clip", "Phóng sự, phim tài liệu, video clip ngắn về cải cách hành chính.",
     ["phóng sự", "video clip", "clip", "phim tài liệu", "phim ngắn"]),
    ("chuyen-trang-chuyen-muc", "Chuyên trang, chuyên mục", "Chuyên trang, chuyên mục, chuyên đề về cải cách hành chính.",
     ["chuyên trang", "chuyên mục", "chuyên đề"]),
    ("xe-loa", "Xe loa lưu động", "Xe loa tuyên truyền lưu động trên các tuyến đường, khu dân cư.",
     ["xe loa", "loa lưu động", "xe tuyên truyền lưu động", "xe thông tin lưu động"]),
    ("khau-hieu", "Khẩu hiệu", "Khẩu hiệu, câu khẩu hiệu tuyên truyền về cải cách hành chính.",
     ["khẩu hiệu", "câu khẩu hiệu"]),
    ("thi-truc-tuyen", "Cuộc thi trực tuyến", "Cuộc thi tìm hiểu về cải cách hành chính tổ chức trên mạng.",
     ["thi trực tuyến", "cuộc thi trực tuyến", "cuộc thi tìm hiểu trực tuyến", "thi tìm hiểu trực tuyến"]),
]
# slug -> (spellings it gives up, spellings it gains)
MOVED_SPELLINGS = {
    "bao-chi": (["tạp chí", "phương tiện thông tin đại chúng"], []),
    "pa-no-ap-phich": (["khẩu hiệu"], ["phướn", "cờ phướn"]),
    "man-hinh-led": ([], ["cổng chào LED", "cổng chào điện tử"]),
}
DESCRIPTIONS = {
    "bao-chi": ("Báo in, báo điện tử, tạp chí, chuyên mục trên báo.", "Báo in, báo điện tử và các loại hình báo chí."),
    "pa-no-ap-phich": (
        "Tuyên truyền cổ động trực quan: pa nô, áp phích, băng rôn, khẩu hiệu.",
        "Tuyên truyền cổ động trực quan: pa nô, áp phích, băng rôn, phướn.",
    ),
}


def _respell(Channel, backwards=False):
    for slug, (given_up, gained) in MOVED_SPELLINGS.items():
        channel = Channel.objects.filter(slug=slug).first()
        if channel is None:
            continue
        removed, added = (gained, given_up) if backwards else (given_up, gained)
        synonyms = [line for line in channel.synonyms.splitlines() if line.strip() and line.strip() not in removed]
        synonyms += [spelling for spelling in added if spelling not in synonyms]
        channel.synonyms = "\n".join(synonyms)
        old, new = DESCRIPTIONS.get(slug, (channel.description, channel.description))
        if channel.description == (new if backwards else old):
            channel.description = old if backwards else new
        channel.save(update_fields=["synonyms", "description"])


def add_channels(apps, schema_editor):
    Channel = apps.get_model("plans", "Channel")
    last = max(Channel.objects.values_list("position", flat=True), default=0)
    for position, (slug, name, description, synonyms) in enumerate(NEW_CHANNELS, start=last + 1):
        Channel.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "synonyms": "\n".join(synonyms), "position": position},
        )
    _respell(Channel)


def remove_channels(apps, schema_editor):
    Channel = apps.get_model("plans", "Channel")
    Channel.objects.filter(slug__in=[row[0] for row in NEW_CHANNELS]).delete()
    _respell(Channel, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_assignment_unit_names")]
    operations = [migrations.RunPython(add_channels, remove_channels)]
