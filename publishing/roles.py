"""The four roles of the workflow, by the names of their Django groups.

Which model permissions each holds is the project's business (``portal/roles.py``);
where a user may use them comes from their memberships, see ``publishing.access``.
"""

OFFICER = "Cán bộ truyền thông"
EDITOR = "Biên tập viên"
APPROVER = "Lãnh đạo phê duyệt"
ADMINISTRATOR = "Quản trị hệ thống"
