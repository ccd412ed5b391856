/**
 * Calls and registrations on packet time: dialogs by Call-ID from INVITE to their end, the SDP that
 * binds media to them, and the records they become.
 */
package org.callscope.engine.call;
