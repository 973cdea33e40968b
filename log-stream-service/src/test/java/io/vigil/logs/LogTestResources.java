package io.vigil.logs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TempDirectories;

/**
 * What every test of this service runs against: the embedded Kafka broker, a throwaway database, and the log
 * trees in a temporary directory removed after the run. The same set everywhere, so one application serves all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "logs"))
@WithTestResource(value = TempDirectories.class, initArgs = {
        @ResourceArg(name = "prefix", value = "vigil-logs-test"),
        @ResourceArg(name = "vigil.logs.log-root", value = "steps"),
        @ResourceArg(name = "vigil.logs.task-root", value = "tasks"),
        @ResourceArg(name = "vigil.logs.sources.app.root", value = "app")})
public @interface LogTestResources {
}
