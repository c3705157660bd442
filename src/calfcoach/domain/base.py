"""The base model every domain value shares: immutable, strict about unknown fields."""

from pydantic import BaseModel, ConfigDict


class Value(BaseModel):
    """An immutable value object that refuses unknown fields, so typos in data files surface."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)
