# Builds SertiFlow with its own Maven wrapper and runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY processes processes
COPY src src
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 sertiflow
COPY --from=build /src/target/sertiflow-*.jar /app/sertiflow.jar
USER sertiflow
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/sertiflow.jar"]
