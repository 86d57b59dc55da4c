from django.urls import reverse


def test_robots_txt_allows_public_pages_and_names_the_sitemap_absolutely(visitor, settings):
    settings.SITE_URL = "https://cchc.example.gov.vn"
    response = visitor.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Sitemap: https://cchc.example.gov.vn/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_admin_previews_private_files_and_re_sorted_lists(visitor):
    disallowed = {line.split(": ", 1)[1] for line in visitor.get("/robots.txt").content.decode().splitlines()
                  if line.startswith("Disallow: ")}

    assert {"/quan-tri/", "/ke-hoach/xem-truoc/", "/tin-tuc/xem-truoc/", "/media/plans/", "/*?*sort="} <= disallowed
    # The public lists, plans, news and data stay crawlable.
    for public in (reverse("plans:list"), reverse("news:list"), reverse("plans:feed"), "/sitemap.xml"):
        assert not any(public.startswith(rule) for rule in disallowed if "*" not in rule)


def test_favicon_ico_leads_to_the_site_icon(visitor):
    response = visitor.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
