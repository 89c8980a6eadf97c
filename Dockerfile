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
    XDG_DATA_HOME=/data
RUN useradd --create-home --uid 10001 odop && mkdir -p /data && chown odop /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER odop
VOLUME ["/data"]
EXPOSE 8443
# Needs TELEGRAM_BOT_TOKEN; see .env.example for every setting.
CMD ["odop-bot", "run"]
