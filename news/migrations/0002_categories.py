from django.db import migrations

CATEGORIES = [
    ("cai-cach-hanh-chinh", "Cải cách hành chính", "Tin về kế hoạch và kết quả cải cách hành chính."),
    ("kiem-soat-tthc", "Kiểm soát thủ tục hành chính", "Tin về kiểm soát, công khai, đơn giản hóa thủ tục hành chính."),
    ("hoat-dong-dia-phuong", "Hoạt động địa phương", "Hội nghị, tập huấn, mô hình hay của các địa phương, cơ quan."),
    ("chuyen-doi-so", "Chuyển đổi số, dịch vụ công", "Dịch vụ công trực tuyến, một cửa điện tử, chính quyền số."),
]


def load_categories(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for position, (slug, name, description) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "position": position})


def unload_categories(apps, schema_editor):
    apps.get_model("news", "Category").objects.filter(slug__in=[row[0] for row in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(load_categories, unload_categories)]
