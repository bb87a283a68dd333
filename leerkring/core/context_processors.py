from django.http import HttpRequest

from leerkring.core import roles as _roles


def roles(request: HttpRequest) -> dict[str, bool]:
    user = request.user
    return {
        "is_projectleider": _roles.is_projectleider(user),
        "is_begeleider": _roles.is_begeleider(user),
        "is_staf": _roles.is_staf(user),
    }
