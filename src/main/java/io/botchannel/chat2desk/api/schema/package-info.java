/**
 * The bodies of the management API as its OpenAPI document ({@code GET /api/v1/openapi.json}) gives
 * them. The REST DSL in {@code routes/} names these records with {@code type} and {@code responseModel};
 * the routes' beans build and check the real bodies, and the tests hold real answers against these
 * shapes, so that the document cannot drift from what the API does.
 */
package io.botchannel.chat2desk.api.schema;
