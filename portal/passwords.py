"""Password rules beyond Django's own validators' wording."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its error in Vietnamese: Django's Vietnamese catalogue lacks this message,
    so the admin showed it in English."""

    def get_error_message(self):
        return f"Mật khẩu này quá ngắn: cần ít nhất {self.min_length} ký tự."
