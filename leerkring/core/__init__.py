"""Project-wide glue below every feature app: roles, typed request, middleware, mail, registries."""
