package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.annotations.SerializedName;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates rendered manifests offline, listing every error with its path:
 * <ul>
 * <li>Kubernetes objects against the Kubernetes API as generated into the official Java
 * client's models ({@code io.kubernetes:client-java-api}, from the Kubernetes OpenAPI
 * document of its release): every field must exist (the API server's strict field
 * validation), required fields must be there, and every value must have the field's type.</li>
 * <li>Strimzi objects against the {@code openAPIV3Schema} of the CRDs of the pinned Strimzi
 * release ({@code io.strimzi:api} test jar), for the served version the manifest names, with
 * unknown fields rejected as the API server rejects them.</li>
 * <li>Gateway API ({@code gateway.networking.k8s.io/v1}) and Prometheus Operator
 * ({@code monitoring.coreos.com/v1}) objects against the models fabric8 generates from those
 * projects' CRDs ({@code kubernetes-model-gatewayapi}, {@code openshift-model-monitoring}): every
 * field must exist and every value must have the field's type (those models do not say which
 * fields are required).</li>
 * </ul>
 * All come from Maven Central; nothing is fetched from a cluster or the internet.
 */
final class ManifestSchemas {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String STRIMZI_GROUP = "kafka.strimzi.io";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonSchema> CRD_SCHEMAS = new HashMap<>();

    private ManifestSchemas() {
    }

    /** Every schema error of one object; empty when it is valid. */
    static List<String> errors(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        List<String> errors = new ArrayList<>();
        if (apiVersion.startsWith(STRIMZI_GROUP + "/")) {
            JsonSchema schema = crdSchema(apiVersion, kind);
            if (schema == null) {
                errors.add(apiVersion + " " + kind + " is not served by Strimzi's CRDs");
            } else {
                for (ValidationMessage m : schema.validate(object)) {
                    errors.add(m.getInstanceLocation() + ": " + m.getMessage());
                }
            }
            return errors;
        }
        if (apiVersion.equals(CERT_MANAGER)) {
            certificateErrors(object, kind, errors);
            return errors;
        }
        String fabric8 = FABRIC8_MODELS.get(apiVersion);
        if (fabric8 != null) {
            try {
                fabric8Errors(object, Class.forName(fabric8 + kind), errors);
            } catch (ClassNotFoundException e) {
                errors.add(apiVersion + " " + kind + " is not in the CRDs of its project");
            }
            return errors;
        }
        Class<?> model = kubernetesModel(apiVersion, kind);
        if (model == null) {
            errors.add(apiVersion + " " + kind + " is not in the Kubernetes API");
        } else {
            checkModel(object, model, "$", errors);
        }
        return errors;
    }

    // --- cert-manager ---------------------------------------------------------------------------

    private static final String CERT_MANAGER = "cert-manager.io/v1";
    /** The fields of cert-manager's v1 Certificate spec (its CRD, v1.16): no model of it is on Maven Central. */
    private static final Set<String> CERTIFICATE_FIELDS = Set.of("additionalOutputFormats", "commonName", "dnsNames",
            "duration", "emailAddresses", "encodeUsagesInRequest", "ipAddresses", "isCA", "issuerRef", "keystores",
            "literalSubject", "nameConstraints", "otherNames", "privateKey", "renewBefore", "renewBeforePercentage",
            "revisionHistoryLimit", "secretName", "secretTemplate", "signatureAlgorithm", "subject", "uris", "usages");

    /** A Certificate: only cert-manager's fields, the required ones present; other kinds of the group are not used here. */
    private static void certificateErrors(JsonNode object, String kind, List<String> errors) {
        if (!kind.equals("Certificate")) {
            errors.add(CERT_MANAGER + " " + kind + " is not a kind these manifests use");
            return;
        }
        JsonNode spec = object.path("spec");
        spec.fieldNames().forEachRemaining(f -> {
            if (!CERTIFICATE_FIELDS.contains(f)) {
                errors.add("$.spec." + f + ": unknown field of a cert-manager Certificate");
            }
        });
        for (String required : List.of("secretName", "issuerRef")) {
            if (!spec.has(required)) {
                errors.add("$.spec." + required + ": required by a cert-manager Certificate");
            }
        }
        if (!spec.path("issuerRef").has("name")) {
            errors.add("$.spec.issuerRef.name: required");
        }
    }

    // --- Gateway API and Prometheus Operator (fabric8's CRD models) --------------------------

    private static final Map<String, String> FABRIC8_MODELS = Map.of(
            "gateway.networking.k8s.io/v1", "io.fabric8.kubernetes.api.model.gatewayapi.v1.",
            "monitoring.coreos.com/v1", "io.fabric8.openshift.api.model.monitoring.v1.");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A wrong type fails the mapping; an unknown field lands in a model's additionalProperties, which must stay empty. */
    private static void fabric8Errors(JsonNode object, Class<?> model, List<String> errors) {
        Object value;
        try {
            value = JSON.treeToValue(object, model);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            StringBuilder path = new StringBuilder("$");
            e.getPath().forEach(r -> path.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]"));
            errors.add(path + ": " + e.getOriginalMessage());
            return;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            errors.add("$: " + e.getOriginalMessage());
            return;
        }
        unknownFields(value, "$", errors);
    }

    private static void unknownFields(Object value, String path, List<String> errors) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", errors);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, errors));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object child;
                try {
                    child = f.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> errors.add(path + "." + k + ": unknown field of " + value.getClass().getSimpleName()));
                } else {
                    com.fasterxml.jackson.annotation.JsonProperty name = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                    unknownFields(child, path + "." + (name != null && !name.value().isEmpty() ? name.value() : f.getName()), errors);
                }
            }
        }
    }

    // --- Kubernetes ---------------------------------------------------------------------

    /** apps/v1 + Deployment → V1Deployment; autoscaling/v2 + HorizontalPodAutoscaler → V2HorizontalPodAutoscaler. */
    static Class<?> kubernetesModel(String apiVersion, String kind) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        try {
            return Class.forName(MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static void checkModel(JsonNode node, Class<?> model, String path, List<String> errors) {
        if (!node.isObject()) {
            errors.add(path + ": expected an object (" + model.getSimpleName() + "), found " + node.getNodeType());
            return;
        }
        Map<String, Field> fields = jsonFields(model);
        Set<String> required = staticSet(model, "openapiRequiredFields");
        for (String name : required) {
            if (!node.has(name) || node.get(name).isNull()) {
                errors.add(path + "." + name + ": required by " + model.getSimpleName());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Field f = fields.get(e.getKey());
            if (f == null) {
                errors.add(path + "." + e.getKey() + ": unknown field of " + model.getSimpleName());
            } else if (!e.getValue().isNull()) {
                checkValue(e.getValue(), f.getGenericType(), path + "." + e.getKey(), errors);
            }
        }
    }

    private static void checkValue(JsonNode value, Type type, String path, List<String> errors) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type element = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                if (!value.isArray()) {
                    errors.add(path + ": expected a list, found " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), element, path + "[" + i + "]", errors);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (!value.isObject()) {
                    errors.add(path + ": expected a map, found " + value.getNodeType());
                    return;
                }
                value.fields().forEachRemaining(e -> checkValue(e.getValue(), element, path + "." + e.getKey(), errors));
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        String problem = null;
        if (c == String.class || c == OffsetDateTime.class || c == byte[].class) {
            problem = value.isTextual() ? null : "a string";
        } else if (c == Integer.class || c == Long.class) {
            problem = value.isIntegralNumber() ? null : "an integer";
        } else if (c == Double.class || c == Float.class) {
            problem = value.isNumber() ? null : "a number";
        } else if (c == Boolean.class) {
            problem = value.isBoolean() ? null : "a boolean";
        } else if (c == IntOrString.class) {
            problem = value.isIntegralNumber() || value.isTextual() ? null : "an integer or a string";
        } else if (c == Quantity.class) {
            problem = (value.isTextual() || value.isNumber()) && validQuantity(value.asText()) ? null : "a quantity (e.g. 250m, 1Gi)";
        } else if (c.isEnum()) {
            problem = enumValue(c, value.asText()) ? null : "one of " + enumValues(c);
        } else if (c.getName().startsWith(MODELS)) {
            checkModel(value, c, path, errors);
        }
        // Object (free-form JSON) and anything else: no constraint.
        if (problem != null) {
            errors.add(path + ": expected " + problem + ", found " + value);
        }
    }

    private static boolean validQuantity(String s) {
        try {
            Quantity.fromString(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean enumValue(Class<?> c, String v) {
        return enumValues(c).contains(v);
    }

    private static List<String> enumValues(Class<?> c) {
        List<String> values = new ArrayList<>();
        for (Object constant : c.getEnumConstants()) {
            try {
                values.add(String.valueOf(c.getMethod("getValue").invoke(constant)));
            } catch (ReflectiveOperationException e) {
                values.add(((Enum<?>) constant).name());
            }
        }
        return values;
    }

    private static Map<String, Field> jsonFields(Class<?> model) {
        Map<String, Field> fields = new HashMap<>();
        for (Field f : model.getDeclaredFields()) {
            SerializedName json = f.getAnnotation(SerializedName.class);
            if (json != null && !Modifier.isStatic(f.getModifiers())) {
                fields.put(json.value(), f);
            }
        }
        // apiVersion and kind are plain fields on top-level objects; keep them even without the annotation.
        for (String name : staticSet(model, "openapiFields")) {
            if (!fields.containsKey(name)) {
                try {
                    fields.put(name, model.getDeclaredField(name));
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(model + " lists " + name + " without a field", e);
                }
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> staticSet(Class<?> model, String name) {
        try {
            return (Set<String>) model.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no " + name, e);
        }
    }

    // --- Strimzi ------------------------------------------------------------------------

    private static synchronized JsonSchema crdSchema(String apiVersion, String kind) {
        return CRD_SCHEMAS.computeIfAbsent(apiVersion + " " + kind, k -> loadCrdSchema(apiVersion, kind));
    }

    private static JsonSchema loadCrdSchema(String apiVersion, String kind) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (String file : List.of("040-Crd-kafka", "041-Crd-kafkaconnect", "043-Crd-kafkatopic",
                "044-Crd-kafkauser", "045-Crd-kafkanodepool", "046-Crd-kafkabridge", "047-Crd-kafkaconnector",
                "048-Crd-kafkamirrormaker2", "049-Crd-kafkarebalance")) {
            JsonNode crd = resource("crds/v1beta2/" + file + ".yaml");
            if (!crd.path("spec").path("names").path("kind").asText().equals(kind)) {
                continue;
            }
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(version) && v.path("served").asBoolean()) {
                    JsonNode schema = strict(v.path("schema").path("openAPIV3Schema").deepCopy());
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
                }
            }
        }
        return null;
    }

    private static JsonNode resource(String name) {
        try (InputStream in = ManifestSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath (io.strimzi:api test jar)");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The API server drops or (with strict field validation, kubectl's default) rejects fields a
     * structural schema does not declare; JSON Schema allows them unless told. Tell it, except
     * where the CRD preserves unknown fields, and inside allOf/anyOf/oneOf/not, whose branches
     * only restate fields declared beside them. Kubernetes' own keywords become JSON Schema.
     */
    static JsonNode strict(JsonNode schema) {
        strict(schema, false);
        return schema;
    }

    private static void strict(JsonNode schema, boolean inJunctor) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        if (o.path("nullable").asBoolean(false) && o.has("type")) {
            o.set("type", YAML.createArrayNode().add(o.get("type").asText()).add("null"));
        }
        if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
            o.set("type", YAML.createArrayNode().add("integer").add("string"));
        }
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        List<String> drop = new ArrayList<>();
        o.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("x-kubernetes-") || n.equals("nullable")) {
                drop.add(n);
            }
        });
        o.remove(drop);
        if (o.has("properties") && !o.has("additionalProperties") && !preserve && !inJunctor) {
            o.put("additionalProperties", false);
        }
        o.path("properties").elements().forEachRemaining(p -> strict(p, inJunctor));
        strict(o.path("items"), inJunctor);
        strict(o.path("additionalProperties"), inJunctor);
        for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
            o.path(junctor).elements().forEachRemaining(b -> strict(b, true));
        }
        strict(o.path("not"), true);
    }
}
