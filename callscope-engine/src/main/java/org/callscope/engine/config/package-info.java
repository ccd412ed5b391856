/**
 * Configuration in VoIPmonitor's file syntax ({@code key = value}) and the settings it produces.
 * Every error names file and line; unknown keys are warnings, not failures.
 */
package org.callscope.engine.config;
