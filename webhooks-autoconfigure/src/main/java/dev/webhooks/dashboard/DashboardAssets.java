package dev.webhooks.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;

/**
 * The page's scripts and styles, read once from {@code dev/webhooks/dashboard/assets/} in the jar, with a
 * fingerprint of them all. The page links them under the fingerprint, so a browser may cache them for good and a
 * new version of the starter is fetched afresh.
 */
public final class DashboardAssets {

	private static final String LOCATION = "classpath*:dev/webhooks/dashboard/assets/*";

	private static final Map<String, MediaType> TYPES = Map.of("js",
			MediaType.parseMediaType("text/javascript;charset=UTF-8"), "css",
			MediaType.parseMediaType("text/css;charset=UTF-8"), "svg", MediaType.parseMediaType("image/svg+xml"));

	private final Map<String, Asset> assets;

	private final String fingerprint;

	private DashboardAssets(Map<String, Asset> assets, String fingerprint) {
		this.assets = assets;
		this.fingerprint = fingerprint;
	}

	/**
	 * Read the assets from the class path.
	 * @param classLoader the class loader that holds the jar
	 * @return the assets
	 */
	public static DashboardAssets load(ClassLoader classLoader) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(classLoader).getResources(LOCATION);
			Map<String, Asset> assets = new TreeMap<>();
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Resource resource : resources) {
				String name = resource.getFilename();
				MediaType type = (name != null) ? TYPES.get(extension(name)) : null;
				if (type == null) {
					continue;
				}
				try (InputStream in = resource.getInputStream()) {
					assets.put(name, new Asset(in.readAllBytes(), type));
				}
			}
			if (!assets.containsKey("app.js")) {
				throw new IllegalStateException("The dashboard's assets are missing from the class path ("
						+ LOCATION + "): is the webhooks-autoconfigure jar complete?");
			}
			assets.forEach((name, asset) -> {
				digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				digest.update(asset.content());
			});
			return new DashboardAssets(Map.copyOf(assets), HexFormat.of().formatHex(digest.digest()).substring(0, 12));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the dashboard's assets", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : "";
	}

	/**
	 * The fingerprint of all assets: a path segment that changes whenever one of them does.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * One asset by its file name.
	 * @param name the file name, such as {@code app.js}
	 * @return the asset, unless there is none of that name
	 */
	public Optional<Asset> get(String name) {
		return Optional.ofNullable(this.assets.get(name));
	}

	/**
	 * A script or style sheet.
	 *
	 * @param content its bytes
	 * @param type its media type
	 */
	public record Asset(byte[] content, MediaType type) {
	}

}
