package dev.webhooks.event;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reduces a payload to the properties a JSON Schema declares, as if every object of the schema said
 * {@code additionalProperties: false}: a property is sent only when {@code properties} names it at its place in
 * the schema (nested objects and array items too), or when its object gives {@code additionalProperties} a schema
 * (a map: every key is kept, each value reduced by that schema). Scalars are kept as they are; an object the
 * schema declares no property for is sent as {@code {}}.
 * <p>
 * The schema is compiled once, when the event type is declared. What it understands: {@code properties},
 * {@code additionalProperties}, {@code unevaluatedProperties: false}, {@code items}, {@code prefixItems},
 * {@code $ref} to a JSON pointer in the same document ({@code #/$defs/…}, recursion included), {@code allOf} (the
 * union of its branches, since a payload must satisfy every one), and {@code anyOf}/{@code oneOf} whose branches
 * hold at most one object or array shape (such as a nullable reference, {@code [{"type":"null"},{"$ref":…}]}).
 * Keywords that make what is declared depend on the payload ({@code patternProperties}, {@code dependentSchemas},
 * {@code if}/{@code then}/{@code else}, {@code anyOf}/{@code oneOf} over several object shapes, other
 * {@code unevaluated*}, {@code $dynamicRef}, references to other documents) are refused: a schema that cannot be
 * stripped safely would otherwise leak what it does not declare. Validation keywords ({@code type},
 * {@code required}, {@code enum}, …) do not change what is kept.
 * <p>
 * Thread-safe once compiled.
 */
final class PayloadStripper {

	private static final List<String> REFUSED = List.of("patternProperties", "dependentSchemas", "dependencies", "if",
			"then", "else", "unevaluatedItems", "$dynamicRef", "$recursiveRef", "additionalItems");

	private static final List<String> NON_STRUCTURAL_TYPES = List.of("string", "number", "integer", "boolean",
			"null");

	private final Shape root;

	private PayloadStripper(Shape root) {
		this.root = root;
	}

	/**
	 * Compile a schema.
	 * @param schema the schema document
	 * @return the stripper
	 * @throws IllegalArgumentException naming the keyword and where it is when the schema cannot be stripped safely
	 */
	static PayloadStripper compile(JsonNode schema) {
		Compiler compiler = new Compiler(schema);
		Shape root = compiler.compile(schema, "");
		compiler.resolveAll();
		return new PayloadStripper(root);
	}

	/**
	 * Remove, in place, every property the schema does not declare.
	 * @param payload the payload tree, changed by this call
	 * @return the paths of the removed properties ({@code $.owner.email}, {@code $.tags[*].secret}), empty when
	 * nothing was removed
	 */
	List<String> strip(JsonNode payload) {
		List<String> removed = new ArrayList<>(0);
		strip(payload, this.root, null, removed);
		return removed;
	}

	private static void strip(JsonNode node, Shape shape, Path path, List<String> removed) {
		if (node instanceof ObjectNode object) {
			List<String> undeclared = null;
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				Shape declared = shape.declared(property.getKey());
				if (declared == null) {
					if (undeclared == null) {
						undeclared = new ArrayList<>();
					}
					undeclared.add(property.getKey());
					removed.add(Path.render(path, property.getKey()));
				}
				else if (property.getValue().isContainer()) {
					strip(property.getValue(), declared, new Path(path, property.getKey()), removed);
				}
			}
			if (undeclared != null) {
				object.remove(undeclared);
			}
		}
		else if (node instanceof ArrayNode array) {
			Path items = new Path(path, null);
			for (int i = array.size() - 1; i >= 0; i--) {
				Shape declared = shape.item(i);
				if (declared == null) {
					array.remove(i);
					removed.add(Path.render(items, null));
				}
				else if (array.get(i).isContainer()) {
					strip(array.get(i), declared, items, removed);
				}
			}
		}
	}

	/** Where a property is, built only when one is removed. A {@code null} name is an array's items. */
	private record Path(Path parent, String name) {

		static String render(Path path, String last) {
			StringBuilder out = new StringBuilder();
			append(out, path);
			return (last != null) ? out.append('.').append(last).toString() : out.toString();
		}

		private static void append(StringBuilder out, Path path) {
			if (path == null) {
				out.append('$');
				return;
			}
			append(out, path.parent);
			if (path.name == null) {
				out.append("[*]");
			}
			else {
				out.append('.').append(path.name);
			}
		}

	}

	/**
	 * What one place of the schema declares. {@code null} for a property or an item means "not declared: removed";
	 * an empty shape (the schema {@code true} or {@code {}}) declares that the value may be there but no property
	 * of it.
	 */
	private static final class Shape {

		/** The schema {@code false}: nothing may be there. */
		static final Shape NOTHING = new Shape();

		final Map<String, Shape> properties = new LinkedHashMap<>();

		Shape additional;

		final List<Shape> prefixItems = new ArrayList<>();

		Shape items;

		/** Shapes whose declarations are added to this one ({@code allOf}, {@code $ref} beside other keywords). */
		final List<Shape> includes = new ArrayList<>();

		Shape declared(String name) {
			Shape declared = this.properties.get(name);
			if (declared == null) {
				declared = this.additional;
			}
			return (declared == NOTHING) ? null : declared;
		}

		Shape item(int index) {
			Shape declared = (index < this.prefixItems.size()) ? this.prefixItems.get(index) : this.items;
			if (declared == null && index >= this.prefixItems.size()) {
				// no items keyword: any item may be there, with no property declared
				return EMPTY;
			}
			return (declared == NOTHING) ? null : declared;
		}

		boolean declaresNothing() {
			return this.properties.isEmpty() && this.additional == null && this.prefixItems.isEmpty()
					&& this.items == null && this.includes.isEmpty();
		}

	}

	/** An item of an array whose schema has no {@code items}: it may be there, with no property declared. */
	private static final Shape EMPTY = new Shape();

	/** Turns a schema document into shapes, then folds the included shapes into those that include them. */
	private static final class Compiler {

		private final JsonNode document;

		private final Map<String, Shape> references = new LinkedHashMap<>();

		private final List<Shape> compiled = new ArrayList<>();

		private final Set<Shape> resolved = Collections.newSetFromMap(new IdentityHashMap<>());

		Compiler(JsonNode document) {
			this.document = document;
		}

		Shape compile(JsonNode schema, String pointer) {
			if (schema.isBoolean()) {
				return schema.asBoolean() ? track(new Shape()) : Shape.NOTHING;
			}
			if (!schema.isObject()) {
				throw refused(pointer, "is not a schema (an object or a boolean)");
			}
			for (String keyword : REFUSED) {
				if (schema.has(keyword)) {
					throw refused(pointer + "/" + keyword, "cannot be stripped safely: what it declares depends on "
							+ "the payload; declare the properties by name (a map: additionalProperties with a schema)");
				}
			}
			if (!pointer.isEmpty() && schema.has("$id")) {
				throw refused(pointer + "/$id", "is not supported: keep the schema in one document, without nested $id");
			}
			JsonNode unevaluated = schema.get("unevaluatedProperties");
			if (unevaluated != null && !(unevaluated.isBoolean() && !unevaluated.asBoolean())) {
				throw refused(pointer + "/unevaluatedProperties", "is supported only as false (which changes nothing: "
						+ "undeclared properties are stripped anyway); declare the properties by name");
			}
			Shape shape = track(new Shape());
			JsonNode properties = schema.get("properties");
			if (properties != null) {
				for (Map.Entry<String, JsonNode> property : properties.properties()) {
					shape.properties.put(property.getKey(), compile(property.getValue(),
							pointer + "/properties/" + escape(property.getKey())));
				}
			}
			JsonNode additional = schema.get("additionalProperties");
			if (additional != null && !(additional.isBoolean() && !additional.asBoolean())) {
				shape.additional = compile(additional, pointer + "/additionalProperties");
			}
			JsonNode prefixItems = schema.get("prefixItems");
			if (prefixItems != null) {
				for (int i = 0; i < prefixItems.size(); i++) {
					shape.prefixItems.add(compile(prefixItems.get(i), pointer + "/prefixItems/" + i));
				}
			}
			JsonNode items = schema.get("items");
			if (items != null) {
				shape.items = compile(items, pointer + "/items");
			}
			JsonNode allOf = schema.get("allOf");
			if (allOf != null) {
				for (int i = 0; i < allOf.size(); i++) {
					shape.includes.add(compile(allOf.get(i), pointer + "/allOf/" + i));
				}
			}
			for (String alternatives : List.of("anyOf", "oneOf")) {
				JsonNode branches = schema.get(alternatives);
				if (branches != null) {
					includeAlternatives(shape, branches, pointer + "/" + alternatives);
				}
			}
			JsonNode ref = schema.get("$ref");
			if (ref != null) {
				Shape target = reference(ref, pointer + "/$ref");
				if (shape.declaresNothing()) {
					// the usual case, and the one recursion needs: the reference itself, not a copy of it
					return target;
				}
				shape.includes.add(target);
			}
			return shape;
		}

		/**
		 * An alternative of several object or array shapes would need the payload to be matched against each
		 * branch to know which one declares what; only one such branch, beside scalar ones, is unambiguous.
		 */
		private void includeAlternatives(Shape shape, JsonNode branches, String pointer) {
			int structural = -1;
			for (int i = 0; i < branches.size(); i++) {
				if (!holdsOnlyScalars(branches.get(i))) {
					if (structural >= 0) {
						throw refused(pointer, "has more than one branch that can hold an object or an array ("
								+ structural + " and " + i + "), so which properties are declared would depend on "
								+ "the payload: use allOf, or one object declaring every property");
					}
					structural = i;
				}
			}
			if (structural >= 0) {
				shape.includes.add(compile(branches.get(structural), pointer + "/" + structural));
			}
		}

		private static boolean holdsOnlyScalars(JsonNode branch) {
			if (branch.isBoolean()) {
				return !branch.asBoolean();
			}
			JsonNode type = branch.get("type");
			if (type != null && type.isString()) {
				return NON_STRUCTURAL_TYPES.contains(type.asString());
			}
			if (type != null && type.isArray()) {
				for (JsonNode each : type) {
					if (!NON_STRUCTURAL_TYPES.contains(each.asString())) {
						return false;
					}
				}
				return true;
			}
			JsonNode constant = branch.get("const");
			if (constant != null) {
				return !constant.isContainer();
			}
			JsonNode values = branch.get("enum");
			if (values != null && values.isArray()) {
				for (JsonNode value : values) {
					if (value.isContainer()) {
						return false;
					}
				}
				return true;
			}
			return false;
		}

		private Shape reference(JsonNode ref, String pointer) {
			String target = ref.isString() ? ref.asString() : "";
			if (!target.equals("#") && !target.startsWith("#/")) {
				throw refused(pointer, "'" + target + "' is not supported: only references within the same "
						+ "document, such as #/$defs/owner");
			}
			Shape known = this.references.get(target);
			if (known != null) {
				return known;
			}
			String jsonPointer = decode(target.substring(1));
			JsonNode referenced = this.document.at(jsonPointer);
			if (referenced.isMissingNode()) {
				throw refused(pointer, "'" + target + "' points at nothing in the schema");
			}
			// registered before it is compiled, so a schema that refers to itself ends here instead of looping
			Shape placeholder = track(new Shape());
			this.references.put(target, placeholder);
			placeholder.includes.add(compile(referenced, jsonPointer));
			return placeholder;
		}

		private Shape track(Shape shape) {
			this.compiled.add(shape);
			return shape;
		}

		void resolveAll() {
			for (Shape shape : new ArrayList<>(this.compiled)) {
				resolve(shape);
			}
		}

		/**
		 * Adds the declarations of included shapes. A shape met again while it is being resolved (a cycle through
		 * allOf) adds what it has so far: at worst fewer properties are declared, so more is stripped, never less.
		 */
		private void resolve(Shape shape) {
			if (!this.resolved.add(shape)) {
				return;
			}
			for (Shape included : shape.includes) {
				if (included == Shape.NOTHING) {
					continue;
				}
				resolve(included);
				included.properties.forEach((name, declared) -> shape.properties.merge(name, declared, this::union));
				shape.additional = union(shape.additional, included.additional);
				for (int i = 0; i < included.prefixItems.size(); i++) {
					if (i < shape.prefixItems.size()) {
						shape.prefixItems.set(i, union(shape.prefixItems.get(i), included.prefixItems.get(i)));
					}
					else {
						shape.prefixItems.add(included.prefixItems.get(i));
					}
				}
				shape.items = union(shape.items, included.items);
			}
			shape.includes.clear();
		}

		private Shape union(Shape first, Shape second) {
			if (first == null || first == Shape.NOTHING || first == second) {
				return second;
			}
			if (second == null || second == Shape.NOTHING) {
				return first;
			}
			Shape union = track(new Shape());
			union.includes.add(first);
			union.includes.add(second);
			resolve(union);
			return union;
		}

		private static String escape(String name) {
			return name.replace("~", "~0").replace("/", "~1");
		}

		private static String decode(String pointer) {
			return URLDecoder.decode(pointer.replace("+", "%2B"), StandardCharsets.UTF_8);
		}

		private static IllegalArgumentException refused(String pointer, String reason) {
			return new IllegalArgumentException((pointer.isEmpty() ? "The schema" : "#" + pointer) + " " + reason);
		}

	}

}
