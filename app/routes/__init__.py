"""One router per resource; `main.create_app` includes them all."""

from app.routes import ask, documents, entities, health, statements, who

ROUTERS = (
    statements.router,
    who.router,
    ask.router,
    entities.router,
    documents.router,
    health.router,
)
