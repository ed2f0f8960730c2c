package dev.marketdata.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Strict JSON in, exact JSON out: request bodies must match their record exactly (no unknown
 * fields, no type coercion, bounded nesting); responses write prices as plain decimals.
 */
final class Json {
  static final int MAX_NESTING_DEPTH = 20;

  private static final ObjectMapper MAPPER = strictMapper();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private Json() {}

  private static ObjectMapper strictMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(64 * 1024)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    JsonMapper mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    // "60" is not 60, and 60 is not "60": a client sending the wrong type hears about it.
    for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Collection)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return mapper;
  }

  static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable: " + value.getClass(), e);
    }
  }

  /**
   * Reads a request body into {@code type}; every way the bytes can be wrong becomes a 400 {@link
   * HttpProblem} naming the field when there is one.
   */
  static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw HttpProblem.malformedBody("The request body is empty; a JSON object is required.");
    }
    ObjectReader reader = MAPPER.readerFor(type);
    T value;
    try {
      value = reader.readValue(body);
    } catch (UnrecognizedPropertyException e) {
      String field = Text.printable(e.getPropertyName(), 64);
      throw HttpProblem.badRequest(
          field,
          "Unknown field '" + field + "'; allowed fields: " + known(e.getKnownPropertyIds()));
    } catch (MismatchedInputException e) {
      throw mismatch(e);
    } catch (InputCoercionException e) {
      String field = currentName(e);
      throw HttpProblem.badRequest(field, "Field '" + field + "' is out of range.");
    } catch (StreamConstraintsException e) {
      throw tooComplex();
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof StreamConstraintsException) {
        throw tooComplex();
      }
      if (e.getCause() instanceof JsonProcessingException) {
        throw notJson((JsonProcessingException) e.getCause());
      }
      String field = path(e);
      throw HttpProblem.badRequest(field, "Field '" + field + "' has an invalid value.");
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw HttpProblem.malformedBody("The request body could not be read as JSON.");
    }
    if (value == null) {
      throw HttpProblem.malformedBody("The request body must be a JSON object, not null.");
    }
    return value;
  }

  private static HttpProblem tooComplex() {
    return HttpProblem.malformedBody(
        "The request body exceeds a structural limit (nesting depth "
            + MAX_NESTING_DEPTH
            + ", number length 100 digits).");
  }

  private static HttpProblem notJson(JsonProcessingException e) {
    var where = e.getLocation();
    return HttpProblem.malformedBody(
        "The request body is not valid UTF-8 JSON"
            + (where == null
                ? "."
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")."));
  }

  private static HttpProblem mismatch(MismatchedInputException e) {
    String field = path(e);
    if (field.isEmpty()) {
      return HttpProblem.malformedBody("The request body must be a single JSON object.");
    }
    Class<?> target = e.getTargetType();
    return HttpProblem.badRequest(field, "Field '" + field + "' must be " + describe(target) + ".");
  }

  private static String describe(Class<?> target) {
    if (target == null) {
      return "of the documented type";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "an array of strings";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "a whole number";
    }
    if (target == String.class) {
      return "a string";
    }
    return "of the documented type";
  }

  /** The JSON path of the failure in our wire names: {@code symbols[2]}, {@code interval}. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(Text.printable(ref.getFieldName(), 64));
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String currentName(InputCoercionException e) {
    try {
      JsonParser parser = (JsonParser) e.getProcessor();
      String name = parser == null ? null : parser.currentName();
      return name == null ? "body" : Text.printable(name, 64);
    } catch (RuntimeException | IOException ignored) {
      return "body";
    }
  }

  private static String known(Collection<Object> ids) {
    return ids == null
        ? ""
        : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }
}
