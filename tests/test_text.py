import pytest

from publishing.text import slugify_vi


@pytest.mark.parametrize("name, slug", [
    ("Đà Nẵng", "da-nang"),
    ("Thừa Thiên Huế", "thua-thien-hue"),
    ("Quận 9", "quan-9"),
    ("Đắk Lắk", "dak-lak"),
    ("Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"),
])
def test_vietnamese_names_fold_to_readable_slugs(name, slug):
    assert slugify_vi(name) == slug
