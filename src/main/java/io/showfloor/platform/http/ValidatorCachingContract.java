package io.showfloor.platform.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The resolved contract, except that each schema's validator is built once and reused.
 *
 * <p>vertx-openapi 5.0 asks the schema repository for a new validator for every parameter and body
 * of every request, and each one copies the whole contract's schema map and dereferences it again:
 * measured at about half of the server's CPU on the order and bid paths. A validator holds no
 * per-call state (validate() keeps its working sets on the stack), so one per schema is enough.
 * Schemas are the contract's own objects and never change, so they are keyed by identity.
 */
final class ValidatorCachingContract implements OpenAPIContract {
  private final OpenAPIContract contract;
  private final SchemaRepository schemas;

  ValidatorCachingContract(OpenAPIContract contract) {
    this.contract = contract;
    this.schemas = new CachingSchemaRepository(contract.getSchemaRepository());
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return schemas;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  private static final class CachingSchemaRepository implements SchemaRepository {
    private final SchemaRepository repository;
    private final Map<SchemaIdentity, Validator> validators = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> referenced = new ConcurrentHashMap<>();

    CachingSchemaRepository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      return validators.computeIfAbsent(
          new SchemaIdentity(schema),
          key ->
              new ScreeningValidator(json(schema), this::findJson, repository.validator(schema)));
    }

    /** A referenced schema as JSON, for the screen; converted once per reference. */
    private JsonObject findJson(String ref) {
      return referenced.computeIfAbsent(
          ref,
          key -> {
            try {
              JsonSchema found = repository.find(key);
              return found == null ? null : json(found);
            } catch (RuntimeException e) {
              return null;
            }
          });
    }

    private static JsonObject json(JsonSchema schema) {
      JsonObject json = new JsonObject();
      schema.fieldNames().forEach(name -> json.put(name, schema.get(name)));
      return json;
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
      return repository.dereference(schema);
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
      return repository.dereference(uri, schema);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      return repository.preloadMetaSchema(fs);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      return repository.preloadMetaSchema(fs, draft);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }

  /**
   * Runs {@link InputScreen} before the schema validator, so a value with a NUL, a lone surrogate,
   * an out-of-range number, too deep a nesting or more items than maxItems is refused in one linear
   * pass instead of reaching the validator (quadratic uniqueItems) or the database.
   */
  private record ScreeningValidator(
      JsonObject schema, Function<String, JsonObject> refs, Validator validator)
      implements Validator {
    @Override
    public OutputUnit validate(Object instance) throws SchemaException {
      String problem = InputScreen.problem(instance, schema, refs);
      if (problem != null) {
        // the request validator reads the reason from the unit's list of errors
        OutputUnit error = new OutputUnit("", "", "", problem, OutputErrorType.INVALID_VALUE);
        return new OutputUnit(false)
            .setError(problem)
            .setErrorType(OutputErrorType.INVALID_VALUE)
            .addError(error);
      }
      return validator.validate(instance);
    }
  }

  /**
   * Identity, not JSON equality: hashing a schema's whole JSON per lookup would cost what we save.
   */
  private record SchemaIdentity(JsonSchema schema) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SchemaIdentity that && that.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }
}
