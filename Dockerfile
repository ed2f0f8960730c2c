# syntax=docker/dockerfile:1
# Build with the Maven wrapper, run on a JRE as a non-root user. The image runs the slim jar's
# content (ADR 0008: no embedded servers, no test libraries) as two jars, so the libraries are a
# layer of their own that a new commit does not change.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY domain/pom.xml domain/
COPY test-support/pom.xml test-support/
COPY application/pom.xml application/
COPY vertx-support/pom.xml vertx-support/
COPY adapters-http/pom.xml adapters-http/
COPY adapters-persistence/pom.xml adapters-persistence/
COPY adapters-kafka/pom.xml adapters-kafka/
COPY adapters-providers/pom.xml adapters-providers/
COPY adapters-scheduler/pom.xml adapters-scheduler/
COPY devservices/pom.xml devservices/
COPY devservices-junit/pom.xml devservices-junit/
COPY bootstrap/pom.xml bootstrap/
COPY benchmarks/pom.xml benchmarks/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline -DexcludeGroupIds=dev.marketdata || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true \
    && mkdir -p /layers/lib \
    && cp bootstrap/target/container/lib/market-data-service-libs.jar /layers/lib/ \
    && cp bootstrap/target/container/market-data-service.jar /layers/

FROM eclipse-temurin:17-jre
RUN groupadd --system mds && useradd --system --gid mds --home-dir /app --shell /usr/sbin/nologin mds \
    && mkdir -p /app/data && chown -R mds:mds /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Every library first; our classes (whose manifest puts lib/ on the class path) on top.
COPY --from=build --chown=mds:mds /layers/lib/market-data-service-libs.jar /app/lib/market-data-service-libs.jar
COPY --from=build --chown=mds:mds /layers/market-data-service.jar /app/market-data-service.jar
USER mds
ENV MDS_HTTP_PORT=8080 \
    MDS_DATA_DIR=/app/data \
    MDS_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/live || exit 1
ENTRYPOINT ["java", "-jar", "/app/market-data-service.jar"]
