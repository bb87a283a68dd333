"""Start and stop the test identity provider (tests/idp) on a free port, with the given client and users."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class IdentityProvider:
    url: str
    client_id: str
    client_secret: str
    env: dict[str, str]

    def set_groups(self, username: str, groups: list[str]) -> None:
        """Change a user's groups at the provider, as its administrator would."""
        provision(self.env, {"set_groups": {"username": username, "groups": groups}})

    def rp_settings(self) -> dict[str, Any]:
        """Leerkring's OIDC_* settings for this provider."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": "openid email profile groups",
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the identity provider stopped")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the identity provider did not answer within {seconds}s")


def provision(env: dict[str, str], data: dict[str, Any]) -> None:
    subprocess.run(
        [sys.executable, "-m", "tests.idp.provision"],
        input=json.dumps(data).encode(),
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )


@contextmanager
def identity_provider(folder: Path, *, redirect_uri: str, users: list[dict[str, Any]]) -> Iterator[IdentityProvider]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.idp.settings",
        "IDP_DATABASE": str(folder / "idp.sqlite3"),
        "IDP_URL": url,
    }
    provider = IdentityProvider(url=url, client_id="leerkring", client_secret="idp-secret", env=env)
    client = {"id": provider.client_id, "secret": provider.client_secret, "redirect_uri": redirect_uri}
    provision(env, {"client": client, "users": users})
    log = (folder / "idp.log").open("wb")
    command = [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(provider.url, process)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()
