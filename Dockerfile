# Slim, non-root image of odop-bot; the default command runs the Telegram bot.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    XDG_DATA_HOME=/data \
    ODOP_HEALTH_PORT=8080
RUN useradd --create-home --uid 10001 odop && mkdir -p /data && chown odop /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER odop
VOLUME ["/data"]
EXPOSE 8443 8080
# /healthz answers 200 while the bot runs, in polling and webhook mode alike; urlopen fails on
# anything else (503, no answer), which marks the container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
# Needs TELEGRAM_BOT_TOKEN; see .env.example for every setting.
CMD ["odop-bot", "run"]
