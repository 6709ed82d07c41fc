"""portaal: builds an accessible Dutch participation portal from structured YAML content."""

__version__ = "0.1.0"
