package catalog

import "strings"

// jsonSQL writes the SQL that composes API documents in the database, in
// PostgreSQL's dialect (json_build_object, json_agg) or SQLite's
// (json_object, json_group_array). The documents have the keys, key order,
// and value shapes encoding/json gives the Go types (Product, Variant,
// Image), so either path answers the same JSON.
type jsonSQL struct{ pg bool }

// object is a JSON object of key, value SQL pairs, in order.
func (j jsonSQL) object(pairs ...string) string {
	var b strings.Builder
	if j.pg {
		b.WriteString("json_build_object(")
	} else {
		b.WriteString("json_object(")
	}
	for i := 0; i < len(pairs); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + pairs[i] + "', " + pairs[i+1])
	}
	b.WriteString(")")
	return b.String()
}

// array is the JSON array of elem (an object over the rows of from, in
// order), [] when there are none.
func (j jsonSQL) array(elem, from, order string) string {
	if j.pg {
		return "COALESCE((SELECT json_agg(" + elem + " ORDER BY " + order + ") FROM " + from + "), '[]'::json)"
	}
	// SQLite aggregates in the order the subquery gives; json() keeps the
	// elements and the whole array JSON (a subquery drops that mark).
	return "json((SELECT json_group_array(json(x)) FROM (SELECT " + elem + " AS x FROM " + from + " ORDER BY " + order + ")))"
}

// raw embeds a column that holds JSON text.
func (j jsonSQL) raw(col string) string {
	if j.pg {
		return col + "::json"
	}
	return "json(" + col + ")"
}

// boolean is a boolean column as true or false (SQLite keeps 0 and 1).
func (j jsonSQL) boolean(col string) string {
	if j.pg {
		return col
	}
	return "json(CASE WHEN " + col + " THEN 'true' ELSE 'false' END)"
}

// time is a UTC timestamp column as encoding/json writes a time.Time:
// RFC 3339, the fraction of a second without trailing zeros, "Z".
func (j jsonSQL) time(col string) string {
	if j.pg {
		return "rtrim(rtrim(to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '0'), '.') || 'Z'"
	}
	// The driver stores "2006-01-02 15:04:05.999999999+00:00" (every time
	// here is UTC), whose fraction is already trimmed.
	return "replace(replace(" + col + ", ' ', 'T'), '+00:00', 'Z')"
}

// productDocumentParts is the JSON of product p (joined to its coop c and
// category cat) as catalog.Product encodes, in the three parts the read
// model keeps (product_documents): head, everything up to the value of
// "images"; images, the photos' array, whose URLs are relative to the
// store's address ("img/<hash>/large.webp"); and tail, the rest. The
// document is head || images (with the address put in front of each URL,
// see imagesWithBase) || tail.
func (j jsonSQL) productDocumentParts() (head, images, tail string) {
	url := func(variant string) string { return "'img/' || i.hash || '/" + variant + ".webp'" }
	images = j.text(j.array(j.object(
		"id", "i.id", "url", url(VariantLarge), "width", "i.width", "height", "i.height",
		"variants", j.object("thumb", url(VariantThumb), "medium", url(VariantMedium), "large", url(VariantLarge)),
	), "product_images i WHERE i.product_id = p.id AND i.hash <> ''", "i.position, i.id"))
	variants := j.array(j.object(
		"id", "v.id", "name", "v.name", "sku", "v.sku", "price_vnd", "v.price_vnd", "compare_at_vnd", "v.compare_at_vnd",
		"stock", "v.stock", "weight_grams", "v.weight_grams",
	), "product_variants v WHERE v.product_id = p.id", "v.position, v.id")
	before := j.text(j.object(
		"id", "p.id", "slug", "p.slug", "name", "p.name", "description", "p.description",
		"category", j.object("slug", "cat.slug", "name", "cat.name"),
		"coop", j.object("id", "c.id", "slug", "c.slug", "name", "c.name", "province", "c.province"),
		"unit", "p.unit", "ocop_stars", "p.ocop_stars", "ocop_cert_no", "p.ocop_cert_no",
		"tags", j.raw("p.tags"), "status", "p.status", "hidden", j.boolean("p.hidden"), "hidden_reason", "p.hidden_reason",
	))
	after := j.text(j.object(
		"variants", variants,
		"price_vnd", "p.price_vnd", "rating_avg", "p.rating_avg", "rating_count", "p.rating_count", "sold_count", "p.sold_count",
		"created_at", j.time("p.created_at"), "updated_at", j.time("p.updated_at"),
	))
	// The objects' text without their closing and opening brace, joined
	// around the images as the dialect writes a key (PostgreSQL spaces
	// it, SQLite does not). SQLite's trims take one brace only: before
	// ends in a string (hidden_reason) and after starts with a key.
	if j.pg {
		return "left(" + before + ", -1) || ', \"images\" : '", images, "', ' || substr(" + after + ", 2)"
	}
	return "rtrim(" + before + ", '}') || ',\"images\":'", images, "',' || ltrim(" + after + ", '{')"
}

// greatest is the larger of two values.
func (j jsonSQL) greatest(a, b string) string {
	if j.pg {
		return "GREATEST(" + a + ", " + b + ")"
	}
	return "max(" + a + ", " + b + ")"
}

// text is a JSON value as text, to store or concatenate.
func (j jsonSQL) text(v string) string {
	if j.pg {
		return "(" + v + ")::text"
	}
	return v
}

// imagesWithBase is the images part of a stored document (column col) with
// base, the store's address, in front of every URL. base is passed as the
// JSON text that replaces the opening quote of each URL: `"` followed by
// the address, escaped for JSON (ImagesBaseArg). The images part holds only
// what the catalog itself wrote (ids, hashes, sizes), so `"img/` occurs in
// it at the start of a URL and nowhere else.
func imagesWithBase(col, base string) string {
	return "replace(" + col + ", '\"img/', " + base + ")"
}
