import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.models import Agency, Locality, Membership, Plan
from plans.services import refresh_search_text
from portal.two_factor import requires_second_factor
from publishing.text import slugify_vi


class LocalityFactory(factory.django.DjangoModelFactory):
    """A province by default; pass ``parent`` for a district or commune."""

    class Meta:
        model = Locality

    short_name = factory.Sequence(lambda n: f"Địa bàn {n}")
    kind = Locality.Kind.PROVINCE
    level = factory.LazyAttribute(lambda o: o.parent.level + 1 if o.parent else Locality.Level.PROVINCE)
    name = factory.LazyAttribute(lambda o: f"{Locality.Kind(o.kind).label} {o.short_name}")
    parent = None
    code = factory.Sequence(lambda n: f"{90000 + n}")
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else ''}T{o.code}/")
    slug = factory.LazyAttribute(lambda o: slugify_vi(f"{o.name} {o.code}"))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    locality = factory.SubFactory(LocalityFactory)
    name = factory.LazyAttribute(lambda o: f"UBND {o.locality.name}")
    kind = Agency.Kind.PEOPLES_COMMITTEE


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    locality = factory.LazyAttribute(lambda o: o.agency.locality)
    number = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    issue_date = datetime.date(2024, 2, 19)
    period_start = 2024
    period_end = factory.LazyAttribute(lambda o: o.period_start)
    title = factory.LazyAttribute(lambda o: f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {o.period_start}")
    status = Plan.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def channels(plan, create, extracted, **kwargs):
        if create and extracted:
            plan.channels.set(extracted)

    @factory.post_generation
    def indexed(plan, create, extracted, **kwargs):
        # As the admin does after saving the parts: the archive search reads this.
        if create:
            refresh_search_text(plan)


class DraftPlanFactory(PlanFactory):
    status = Plan.Status.DRAFT
    published_at = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-2024")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def authenticator(user):
    """The authenticator app ``user`` set up (two-factor sign-in): its current code is ``totp_code(device)``."""
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


def totp_code(device, *, step_offset=0):
    """The code ``device``'s app shows now (or ``step_offset`` 30-second steps away)."""
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step_offset)
    return f"{totp.token():0{device.digits}d}"


def member(username, role, *agencies, two_factor=None, **fields):
    """A staff user as an administrator sets one up: in the real role group ``role`` (a name from
    ``publishing.roles``, with the permissions the roles migration gave it) and a member of
    ``agencies``, which is where that role applies. No agency: a role without a unit (the
    system administrator). The password is UserFactory's. A role that signs in with a second
    factor has its authenticator set up, unless ``two_factor=False`` (True sets it up for any role)."""
    user = UserFactory(username=username, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    for agency in agencies:
        Membership.objects.create(user=user, agency=agency)
    if two_factor or (two_factor is None and requires_second_factor(user)):
        authenticator(user)
    return user
