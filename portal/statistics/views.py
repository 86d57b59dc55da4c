"""/thong-ke/ (statistics with charts) and /thong-ke/bao-phu/ (who has published a plan)."""

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from plans.coverage import coverage as coverage_of
from portal.statistics import charts, figures
from portal.statistics.forms import CoverageForm, StatisticsForm
from publishing.cache import cache_if_canonical, shown

COVERAGE_PAGE_SIZE = 100


def statistics(request):
    form = StatisticsForm(request.GET, years=())  # the years of the area's plans are offered below
    year, area = form.chosen_year, form.chosen_area
    years = figures.plans_per_year(area)
    found, coverage_rows = figures.coverage_rows(year, area)
    counted = figures.plans_in_year(years, year)
    channel_rows = figures.channel_use(year, counted, area)
    mean, variety_rows = figures.channel_variety(year, counted, area)
    form.offer_years(int(row.label) for row in years)
    months = figures.news_per_month(year)
    where = area.name if area is not None else "cả nước"
    tables = {
        "nam": (["Năm", "Tổng", *(label for label, _ in years[0].parts)] if years else ["Năm", "Tổng"],
                [[row.label, row.value, *(value for _, value in row.parts)] for row in years]),
        "bao-phu": (["Đơn vị", "Phải ban hành", "Đã ban hành", "Tỷ lệ"],
                    [[row.label, row.total, row.count, percent(row.value)] for row in coverage_rows]),
        "hinh-thuc": (["Hình thức", "Số kế hoạch sử dụng", "Tỷ lệ trên số kế hoạch"],
                      [[row.label, row.count, percent(row.value)] for row in channel_rows]),
        "so-hinh-thuc": (["Số hình thức", "Số kế hoạch"], [[row.label, row.value] for row in variety_rows]),
        "tin-bai": (["Tháng", "Số tin bài"], [[row.label, row.value] for row in months]),
    }
    chart = form.cleaned_value("chart")
    if form.cleaned_value("format") == "csv" and chart and not form.errors:
        header, rows = tables[chart]
        response = csv_response(f"thong-ke-{chart}-{year}.csv", header, rows)
        return cache_if_canonical(request, response, form.params())
    context = {
        "form": form, "year": year, "area": area, "where": where, "coverage": found, "counted": counted,
        "mean_channels": mean,
    }
    drawn = [
        charts.columns("nam", f"Kế hoạch theo năm, {where}",
                       "Số kế hoạch đã công bố theo năm kế hoạch, chia theo cấp địa bàn.", years,
                       every=max(1, len(years) // 5 + 1)),
        charts.horizontal("bao-phu", f"Mức độ bao phủ năm {year}, {where}",
                          "Tỷ lệ đơn vị phải ban hành kế hoạch đã công bố kế hoạch của năm.", coverage_rows, maximum=1),
        charts.horizontal("hinh-thuc", f"Hình thức tuyên truyền năm {year}, {where}",
                          "Tỷ lệ kế hoạch của năm có dùng mỗi hình thức.", channel_rows, maximum=1),
        charts.horizontal("so-hinh-thuc", f"Số hình thức mỗi kế hoạch năm {year}, {where}",
                          "Số kế hoạch theo số hình thức tuyên truyền khác nhau mà kế hoạch dùng.", variety_rows),
        charts.columns("tin-bai", f"Tin bài theo tháng năm {year}, cả nước",
                       f"Số tin bài đã đăng mỗi tháng của năm {year}.", months, every=3),
    ]
    context["sections"] = [
        {"chart": chart, "header": tables[chart.key][0], "rows": tables[chart.key][1],
         "csv_url": f"{reverse('statistics')}?{urlencode({**form.params(), 'format': 'csv', 'chart': chart.key})}"}
        for chart in drawn
    ]
    response = render(request, "portal/statistics/statistics.html", context, status=400 if form.errors else 200)
    return response if form.errors else cache_if_canonical(request, response, form.params())


def coverage(request):
    form = CoverageForm(request.GET)
    year, area = form.chosen_year, form.chosen_area
    found = coverage_of(year, area)
    level, missing, sort = form.cleaned_value("level"), form.cleaned_value("missing"), form.cleaned_value("sort")
    if area is None:
        rows = found.by_province()
        if sort == "ty-le":
            rows.sort(key=lambda row: (row.share, row.name))
        header = ["Tỉnh, thành phố", "Phải ban hành", "Đã ban hành", "Tỷ lệ"]
        table = [[row.name, row.expected, row.covered, percent(row.share)] for row in rows]
    else:
        rows = [unit for unit in found.units
                if (not level or unit.level == int(level)) and (not missing or not unit.covered)]
        if sort == "cap":
            rows.sort(key=lambda unit: (unit.level or 9, unit.name))
        elif sort == "ngay":
            rows.sort(key=lambda unit: (unit.plan is None, unit.plan and unit.plan.issue_date or 0, unit.name))
        elif sort == "ten":
            rows.sort(key=lambda unit: unit.name)
        header = ["Đơn vị", "Cấp", "Thuộc", "Số kế hoạch", "Ngày ban hành"]
        table = [[unit.name, unit.level_label, unit.parent_name,
                  (unit.plan.number or "(không số)") if unit.plan else "chưa có",
                  unit.plan.issue_date.strftime("%d/%m/%Y") if unit.plan and unit.plan.issue_date else ""]
                 for unit in rows]
    scopes = shown("plans", area.lineage_paths if area else ())  # as the coverage's
    if form.cleaned_value("format") == "csv" and not form.errors:
        filename = f"bao-phu-{year}-{area.slug if area else 'ca-nuoc'}.csv"
        return cache_if_canonical(request, csv_response(filename, header, table), form.params(), scopes=scopes)
    page = Paginator(rows, COVERAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    params = form.params()
    context = {
        "form": form, "year": year, "area": area, "coverage": found, "page_obj": page, "rows": page.object_list,
        "csv_url": f"{reverse('coverage')}?{urlencode({**params, 'format': 'csv'})}",
        "sort_urls": {key.replace("-", ""): f"{reverse('coverage')}?{urlencode({**params, 'sort': key})}"
                      for key in ("ten", "cap", "ngay", "ty-le")},
        "share": percent(found.share),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    response = render(request, "portal/statistics/coverage.html", context, status=400 if form.errors else 200)
    return response if form.errors else cache_if_canonical(request, response, params, page=page, scopes=scopes)


def percent(share):
    """``0.125`` as Vietnamese writes it: ``12,5%``."""
    return f"{share * 100:.1f}".replace(".", ",") + "%"


def csv_response(filename, header, rows):
    """A small CSV table, in UTF-8 with a byte order mark so that Excel shows Vietnamese."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
