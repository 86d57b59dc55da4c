"""/api/v1/localities/, agencies/, channels/: the reference lists, whole."""

import pytest
from django.urls import reverse

from plans.models import Agency, Channel, Locality
from tests.api.conftest import slugs


@pytest.mark.parametrize("name, model", [("locality", Locality), ("agency", Agency), ("channel", Channel)])
def test_every_row_is_listed_once_and_reads_by_its_slug(visitor, demo, name, model):
    listed = slugs(visitor, reverse(f"api:{name}-list"))

    assert sorted(listed) == sorted(model.objects.values_list("slug", flat=True))
    first = model.objects.get(slug=listed[0])
    record = visitor.get(reverse(f"api:{name}-detail", kwargs={"slug": first.slug})).json()
    assert record["slug"] == first.slug and record["name"] == first.name


def test_localities_come_in_tree_order_with_parent_and_successor(visitor, demo):
    quan_9 = Locality.objects.get(path="O79/H-quan-9/")
    thu_duc = Locality.objects.create(
        name="Thành phố Thủ Đức", short_name="Thủ Đức", kind="thanh-pho-thuoc-tinh", level=2,
        path="O79/H-thu-duc/", parent=quan_9.parent, slug="thu-duc",
    )
    quan_9.successor = thu_duc
    quan_9.save()

    listed = slugs(visitor, reverse("api:locality-list"))
    record = visitor.get(reverse("api:locality-detail", kwargs={"slug": quan_9.slug})).json()

    assert listed == list(Locality.objects.order_by("path").values_list("slug", flat=True))
    assert (record["parent"], record["successor"]) == (quan_9.parent.slug, "thu-duc")


def test_an_agency_names_its_locality(visitor, demo):
    agency = Agency.objects.select_related("locality").first()

    record = visitor.get(reverse("api:agency-detail", kwargs={"slug": agency.slug})).json()

    assert record["locality"] == {"slug": agency.locality.slug, "code": agency.locality.code, "name": agency.locality.name}


def test_channels_come_in_the_vocabularys_order_with_their_synonyms(visitor, db):
    listed = slugs(visitor, reverse("api:channel-list"))
    channel = Channel.objects.exclude(synonyms="").first()

    assert listed == list(Channel.objects.order_by("position", "slug").values_list("slug", flat=True))
    assert visitor.get(reverse("api:channel-detail", kwargs={"slug": channel.slug})).json()["synonyms"] == channel.synonym_list


def test_an_unknown_slug_is_a_404(visitor, db):
    assert visitor.get(reverse("api:agency-detail", kwargs={"slug": "khong-co"})).status_code == 404
