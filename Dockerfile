# syntax=docker/dockerfile:1
# One image for every FleetPulse service (collector, streams, sink, simulate, run, broker): the subcommand and its
# --config are the container's command, e.g. `docker run fleetpulse collector --config /etc/fleetpulse/fleetpulse.yml`.
# JVM options go in JAVA_TOOL_OPTIONS, which the JVM reads itself.

# Build stage: the reactor's jars, tests left to CI (`mvn -B verify`). The cache mount keeps Maven's downloads
# across builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# Runtime: a JRE, the launcher jar and the lib/ its manifest class path names, as cli/pom.xml lays them out.
FROM eclipse-temurin:17-jre
# The directories the compose stack mounts volumes on exist, owned by the service user, so new volumes take
# that owner.
RUN useradd --system --uid 10001 --home-dir /var/lib/fleetpulse fleetpulse \
    && mkdir -p /var/lib/fleetpulse/targets /var/lib/fleetpulse/streams-state /etc/fleetpulse \
    && chown -R fleetpulse /var/lib/fleetpulse
COPY --from=build /src/cli/target/lib/ /app/lib/
COPY --from=build /src/cli/target/fleetpulse.jar /app/fleetpulse.jar
COPY deploy/simulator-file-sd.sh /app/simulator-file-sd.sh
COPY deploy/fleetpulse-compose.yml /etc/fleetpulse/fleetpulse.yml
USER fleetpulse
WORKDIR /var/lib/fleetpulse
EXPOSE 9400 9401 9402
ENTRYPOINT ["java", "-jar", "/app/fleetpulse.jar"]
CMD ["--help"]
