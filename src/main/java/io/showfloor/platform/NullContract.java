package io.showfloor.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When a method answers null, for NullAway (pom.xml: CustomContractAnnotations), in JetBrains'
 * contract syntax: {@code @NullContract("_, !null -> !null")} says a non-null fallback gives a
 * non-null answer.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface NullContract {
  String value();
}
