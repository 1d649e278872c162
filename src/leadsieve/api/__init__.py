"""The REST API (``leadsieve serve``): a shell over the services, as the CLI is.

``create_app`` builds the FastAPI application; ``problems`` renders every error as RFC 9457
problem+json; ``auth`` turns a bearer API key into the acting ``Actor``; ``routes`` holds one
module per resource.
"""
