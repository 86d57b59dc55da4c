"""A signed-in session ends after ``SESSION_IDLE_TIMEOUT`` without a request, and in any case
``SESSION_ABSOLUTE_TIMEOUT`` after it began (Django only has a cookie age, renewed as the session changes)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.timezone import now

STARTED_AT = "portal_session_started_at"
LAST_SEEN_AT = "portal_session_last_seen_at"
# Saving the time of every request would write the session on every page; a minute is precise enough.
LAST_SEEN_PRECISION_SECONDS = 60
EXPIRED = "Phiên làm việc đã hết hạn. Hãy đăng nhập lại."


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware: signs out an expired session, so the
    request goes on as an anonymous one (the admin answers with its login page and this message)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; not reading the session keeps public
        # responses free of "Vary: Cookie".
        if request.session.session_key and request.user.is_authenticated:
            self.end_or_renew(request)
        return self.get_response(request)

    @staticmethod
    def end_or_renew(request):
        session = request.session
        current = int(now().timestamp())
        started = session.setdefault(STARTED_AT, current)
        last_seen = session.get(LAST_SEEN_AT, current)
        idle = current - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
        too_old = current - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
        if idle or too_old:
            logout(request)
            messages.warning(request, EXPIRED)
        elif LAST_SEEN_AT not in session or current - last_seen >= LAST_SEEN_PRECISION_SECONDS:
            session[LAST_SEEN_AT] = current
