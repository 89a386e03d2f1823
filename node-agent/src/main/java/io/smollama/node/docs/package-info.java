/** Reference documents generated from the code: the API reference from the bundled OpenAPI document. */
@NullMarked
package io.smollama.node.docs;

import org.jspecify.annotations.NullMarked;
