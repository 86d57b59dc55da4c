"""Read-only endpoints: a list (cursor-paginated, filtered as the public pages are) and a detail by slug.

Plans and articles follow the publication rule of their public pages: a list shows
``published()`` items (plans withdrawn too with ``withdrawn=on``, as the archive), a detail
answers for what the item's page answers for (``public()``: a withdrawn item with its reason).
"""

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from api import pagination, serializers
from api.conditional import ConditionalMixin
from api.filters import ARTICLE_PARAMETERS, PLAN_PARAMETERS, filtered_articles, filtered_plans
from api.throttling import TooManyRequests
from news.models import Article
from news.selectors import articles_for_page
from plans.models import Agency, Assignment, Channel, Locality, Plan, Result
from publishing.remember import remember

BAD_PARAMETERS = OpenApiResponse(
    description="Tham số không hợp lệ: mỗi tham số sai kèm thông báo như trang công khai, ví dụ "
    '{"year": ["Năm phải là một số, ví dụ 2024, hoặc “chua-ro-nam” (chưa rõ năm)."]}',
)
NOT_FOUND = OpenApiResponse(description="Không có (hoặc chưa công bố).")
CONDITIONAL = (
    " Mỗi câu trả lời có ETag và Last-Modified; gửi lại If-None-Match hoặc If-Modified-Since "
    "để nhận 304 khi dữ liệu chưa đổi."
)


class ReadOnlyViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"

    def throttled(self, request, wait):
        raise TooManyRequests(wait)


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách kế hoạch",
        description="Kế hoạch đã công bố, mới công bố trước, lọc bằng đúng các tham số của Kho kế hoạch "
        "(/ke-hoach/) trừ sort." + CONDITIONAL,
        parameters=PLAN_PARAMETERS, responses={200: serializers.PlanListSerializer, 400: BAD_PARAMETERS},
    ),
    retrieve=extend_schema(
        summary="Một kế hoạch, đủ các phần",
        description="Kế hoạch với nội dung, phân công, chỉ tiêu, kết quả, hình thức và tệp đính kèm "
        "(đường tải công khai). Kế hoạch đã thu hồi vẫn có, kèm lý do." + CONDITIONAL,
        responses={200: serializers.PlanDetailSerializer, 404: NOT_FOUND},
    ),
)
class PlanViewSet(ReadOnlyViewSet):
    queryset = Plan.objects.none()  # for the schema: the rows come from get_queryset and get_object
    pagination_class = pagination.PublishedCursorPagination

    def get_serializer_class(self):
        return serializers.PlanDetailSerializer if self.action == "retrieve" else serializers.PlanListSerializer

    def get_queryset(self):
        plans, self.few_matches = filtered_plans(self.request.query_params)
        return plans.with_listing_relations()

    def paginate_queryset(self, queryset):
        self.paginator.sort_after_filtering = self.few_matches
        return super().paginate_queryset(queryset)

    def get_object(self):
        """The plan with all its parts in a fixed number of queries, kept for the content version."""
        slug = self.kwargs["slug"]
        plan = remember(f"api:plan:{slug}", lambda: plan_records().filter(slug=slug).first())
        if plan is None:
            raise Http404("Không có kế hoạch này.")
        return plan


def plan_records():
    """Public plans (a withdrawn one answers, as its page does) with every part the record shows.

    Linked plans are published ones only: a draft cited as a basis must not leak its title.
    """
    linked = Plan.objects.published().select_related("agency").order_by(F("issue_date").desc(nulls_last=True), "-id")
    return Plan.objects.public().select_related("agency", "locality").prefetch_related(
        "channels", "content_groups", "targets", "attachments",
        Prefetch("assignments", queryset=Assignment.objects.select_related("agency")),
        Prefetch("results", queryset=Result.objects.select_related("target")),
        Prefetch("legal_basis_plans", queryset=linked),
        Prefetch("implementing_plans", queryset=linked),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách tin bài",
        description="Tin bài đã công bố, mới trước, lọc bằng các tham số của trang Tin tức (/tin-tuc/)." + CONDITIONAL,
        parameters=ARTICLE_PARAMETERS, responses={200: serializers.ArticleListSerializer, 400: BAD_PARAMETERS},
    ),
    retrieve=extend_schema(
        summary="Một tin bài",
        description="Tin bài với nội dung; tin đã thu hồi vẫn có, kèm lý do." + CONDITIONAL,
        responses={200: serializers.ArticleDetailSerializer, 404: NOT_FOUND},
    ),
)
class ArticleViewSet(ReadOnlyViewSet):
    queryset = Article.objects.none()
    pagination_class = pagination.PublishedCursorPagination

    def get_serializer_class(self):
        return serializers.ArticleDetailSerializer if self.action == "retrieve" else serializers.ArticleListSerializer

    def get_queryset(self):
        articles = filtered_articles(Article.objects.published(), self.request.query_params)
        # A draft plan's slug must not leak through an article: only published plans are named.
        linked = Prefetch("plans", queryset=Plan.objects.published().only("slug"))
        return articles.select_related("category", "locality").defer("body").prefetch_related(linked)

    def get_object(self):
        return get_object_or_404(articles_for_page(Article.objects.public()), slug=self.kwargs["slug"])


@extend_schema_view(
    list=extend_schema(summary="Danh sách địa bàn", description="Mọi đơn vị hành chính, kể cả đơn vị trước 2025, "
                       "theo cây (tỉnh rồi các đơn vị trực thuộc)." + CONDITIONAL),
    retrieve=extend_schema(summary="Một địa bàn", description=CONDITIONAL.strip(),
                           responses={200: serializers.LocalitySerializer, 404: NOT_FOUND}),
)
class LocalityViewSet(ReadOnlyViewSet):
    queryset = Locality.objects.select_related("parent", "successor")
    serializer_class = serializers.LocalitySerializer
    pagination_class = pagination.LocalityCursorPagination


@extend_schema_view(
    list=extend_schema(summary="Danh sách cơ quan, đơn vị", description="Cơ quan ban hành hoặc được giao việc "
                       "trong kế hoạch, theo slug." + CONDITIONAL),
    retrieve=extend_schema(summary="Một cơ quan, đơn vị", description=CONDITIONAL.strip(),
                           responses={200: serializers.AgencySerializer, 404: NOT_FOUND}),
)
class AgencyViewSet(ReadOnlyViewSet):
    queryset = Agency.objects.select_related("locality", "parent")
    serializer_class = serializers.AgencySerializer
    pagination_class = pagination.AgencyCursorPagination


@extend_schema_view(
    list=extend_schema(summary="Danh mục hình thức tuyên truyền",
                       description="Theo thứ tự của danh mục." + CONDITIONAL),
    retrieve=extend_schema(summary="Một hình thức tuyên truyền", description=CONDITIONAL.strip(),
                           responses={200: serializers.ChannelSerializer, 404: NOT_FOUND}),
)
class ChannelViewSet(ReadOnlyViewSet):
    queryset = Channel.objects.all()
    serializer_class = serializers.ChannelSerializer
    pagination_class = pagination.ChannelCursorPagination
