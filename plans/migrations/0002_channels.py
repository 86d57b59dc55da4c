"""The controlled vocabulary of dissemination channels, with the spellings plans use."""

from django.db import migrations

CHANNELS = [
    ("bao-chi", "Báo chí", "Báo in, báo điện tử, tạp chí, chuyên mục trên báo.",
     ["báo in", "báo điện tử", "báo giấy", "tạp chí", "phương tiện thông tin đại chúng", "các loại hình báo chí"]),
    ("phat-thanh-truyen-hinh", "Phát thanh, truyền hình", "Chương trình, chuyên mục trên đài phát thanh và truyền hình.",
     ["Đài PT-TH", "Đài PTTH", "Đài Phát thanh và Truyền hình", "Đài Phát thanh - Truyền hình", "truyền hình", "phát thanh"]),
    ("truyen-thanh-co-so", "Truyền thanh cơ sở", "Đài truyền thanh cấp huyện, loa truyền thanh xã, phường, thị trấn.",
     ["Đài truyền thanh", "hệ thống truyền thanh cấp xã", "truyền thanh cấp xã", "loa phát thanh", "hệ thống loa",
      "loa truyền thanh", "đài truyền thanh cơ sở"]),
    ("cong-thong-tin-dien-tu", "Cổng, trang thông tin điện tử", "Chuyên mục cải cách hành chính trên cổng hoặc trang thông tin điện tử.",
     ["Cổng thông tin điện tử", "Cổng TTĐT", "Trang TTĐT", "trang thông tin điện tử", "trang tin điện tử", "website"]),
    ("pa-no-ap-phich", "Pa nô, áp phích, băng rôn", "Tuyên truyền cổ động trực quan: pa nô, áp phích, băng rôn, khẩu hiệu.",
     ["pa nô", "panô", "pano", "pa-nô", "áp phích", "băng rôn", "băng-rôn", "khẩu hiệu", "cổ động trực quan", "bảng tin"]),
    ("to-roi-to-gap", "Tờ rơi, tờ gấp, tài liệu", "Biên soạn, phát hành tờ rơi, tờ gấp, sổ tay và tài liệu tuyên truyền.",
     ["tờ rơi", "tờ gấp", "sổ tay", "tài liệu tuyên truyền", "tài liệu thông tin"]),
    ("hoi-nghi-tap-huan", "Hội nghị, tập huấn, bồi dưỡng", "Lồng ghép trong hội nghị; lớp tập huấn, bồi dưỡng cho cán bộ, công chức.",
     ["hội nghị", "tập huấn", "bồi dưỡng", "lớp tập huấn", "tọa đàm", "hội thảo"]),
    ("man-hinh-mot-cua", "Màn hình, video tại bộ phận một cửa", "Trình chiếu video, niêm yết tại nơi tiếp nhận và trả kết quả thủ tục hành chính.",
     ["bộ phận một cửa", "trình chiếu video", "bộ phận tiếp nhận và trả kết quả", "niêm yết công khai", "màn hình tra cứu"]),
    ("man-hinh-led", "Màn hình LED", "Màn hình LED ngoài trời, tại trụ sở và nơi công cộng.",
     ["màn hình LED", "bảng LED", "bảng điện tử"]),
    ("mang-xa-hoi", "Mạng xã hội (Zalo, Fanpage)", "Nhóm Zalo, trang Fanpage của cơ quan, đơn vị.",
     ["Zalo", "Fanpage", "Facebook", "mạng xã hội", "TikTok", "YouTube"]),
    ("cuoc-thi", "Cuộc thi tìm hiểu", "Cuộc thi, hội thi tìm hiểu về cải cách hành chính.",
     ["cuộc thi", "hội thi", "thi tìm hiểu"]),
    ("hop-dinh-ky", "Lồng ghép trong họp định kỳ", "Đưa nội dung cải cách hành chính vào các cuộc họp, giao ban định kỳ.",
     ["họp định kỳ", "giao ban", "họp thường kỳ", "sinh hoạt định kỳ"]),
    ("tuyen-dung", "Lồng ghép trong thi tuyển công chức", "Đưa nội dung cải cách hành chính vào thi tuyển, xét tuyển công chức, viên chức.",
     ["tuyển dụng", "thi tuyển", "xét tuyển"]),
]


def load_channels(apps, schema_editor):
    Channel = apps.get_model("plans", "Channel")
    for position, (slug, name, description, synonyms) in enumerate(CHANNELS, start=1):
        Channel.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "synonyms": "\n".join(synonyms), "position": position},
        )


def unload_channels(apps, schema_editor):
    apps.get_model("plans", "Channel").objects.filter(slug__in=[row[0] for row in CHANNELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load_channels, unload_channels)]
