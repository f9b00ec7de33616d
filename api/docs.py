"""The documentation page's content, read from the OpenAPI document itself (so the page cannot drift from the API):
each operation with its parameters and the example addresses of its ``x-examples``."""

from dataclasses import dataclass
from functools import cache

from .main import api


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    description: str
    example: str


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple
    examples: tuple


@dataclass(frozen=True)
class Group:
    name: str
    operations: tuple


def _parameter(spec):
    schema = spec.get("schema", {})
    examples = [spec["example"]] if "example" in spec else spec.get("examples") or []
    if isinstance(examples, dict):  # OpenAPI's map form
        examples = [value.get("value") for value in examples.values()]
    return Parameter(
        name=spec["name"],
        where=spec["in"],
        required=bool(spec.get("required")),
        description=spec.get("description") or schema.get("description") or "",
        example=str(examples[0]) if examples else "",
    )


@cache
def operation_groups() -> tuple:
    """The operations by tag, in the document's order (built once per process: the document only changes with the
    code)."""
    document = api.get_openapi_schema(path_prefix="/api/v1")
    groups = {}
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            operation = Operation(
                anchor=spec["operationId"],
                method=method.upper(),
                path=path,
                summary=spec.get("summary", ""),
                description=spec.get("description", ""),
                parameters=tuple(_parameter(p) for p in spec.get("parameters", [])),
                examples=tuple(spec.get("x-examples", [])),
            )
            groups.setdefault((spec.get("tags") or ["other"])[0], []).append(operation)
    return tuple(Group(name, tuple(operations)) for name, operations in groups.items())
