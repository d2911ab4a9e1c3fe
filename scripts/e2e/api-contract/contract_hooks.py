"""Schemathesis hooks for scripts/e2e/api-contract.sh: the one rule of the contract JSON Schema cannot state.

A signup password has 8 to 72 characters *and* at most 72 bytes in UTF-8 (bcrypt reads 72 bytes and
ignores the rest, so the server refuses longer ones). JSON Schema counts characters only, so the
document says maxLength 72 and states the byte limit in the field's description. Here a generated
password that the schema allows (72 characters or fewer) but that is longer than 72 bytes is cut to
72 bytes at a character boundary, as a client reading the description would send it. Nothing else is
touched: a password the schema itself forbids (too short, too long, not a string) goes out as generated,
so the server must still refuse it. The server's refusal of a 72-character, 80-byte password is tested in
apps/backend (AuthApiTest).
"""
import schemathesis

MAX_PASSWORD_BYTES = 72


def within_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.path != "/api/auth/signup" or not isinstance(case.body, dict):
        return
    password = case.body.get("password")
    if isinstance(password, str) and len(password) <= MAX_PASSWORD_BYTES:
        case.body["password"] = within_bytes(password, MAX_PASSWORD_BYTES)
