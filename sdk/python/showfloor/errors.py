"""The one error the SDK raises for a refused request: the server's problem+json, typed."""


class ApiError(Exception):
    """A 4xx/5xx answer (after retries): `status`, the stable `code`, `detail`, and the body."""

    def __init__(self, status, code, detail, body=None, headers=None):
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.body = body or {}
        self.headers = headers or {}


class ConnectionFailed(ApiError):
    """The server could not be reached (after retries)."""

    def __init__(self, detail):
        super().__init__(0, "connection_failed", detail)
