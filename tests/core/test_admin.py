"""The admin's user page: roles are set as checkboxes, login moments are shown and not edited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from leerkring.core.roles import BEGELEIDER, STAF
from tests.pages import form_lists

pytestmark = pytest.mark.django_db


def test_a_beheerder_gives_a_user_a_role_with_a_checkbox(client: Client, superuser: User, begeleider: User) -> None:
    client.force_login(superuser)
    url = f"/admin/auth/user/{begeleider.pk}/change/"
    page = client.get(url).content.decode()
    staf = Group.objects.get(name=STAF)
    assert f'type="checkbox" name="groups" value="{staf.pk}"' in page
    assert 'name="user_permissions"' not in page
    assert 'name="last_login_0"' not in page and 'name="date_joined_0"' not in page
    data = form_lists(page)
    data["groups"] = [str(Group.objects.get(name=BEGELEIDER).pk), str(staf.pk)]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(begeleider.groups.values_list("name", flat=True)) == {BEGELEIDER, STAF}
