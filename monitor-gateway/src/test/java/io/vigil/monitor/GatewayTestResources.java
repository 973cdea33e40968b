package io.vigil.monitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/**
 * What every test of the gateway runs against: the embedded Kafka broker, a throwaway database, and the owners'
 * history APIs ({@link OwnerStub}). The same set everywhere, so one application serves all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "monitor"))
@WithTestResource(OwnerStub.class)
public @interface GatewayTestResources {
}
