package org.l96.dsl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that exists only to refuse a form with a clear message (a chart word written without its target, which
 * Groovy would otherwise fail to dispatch): not listed among the forms a word takes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface RefusedForm {
}
