/**
 * The call detail record model and the sink interface finished records are handed to, plus the
 * JSON form of records that every output shares.
 */
package org.callscope.engine.cdr;
