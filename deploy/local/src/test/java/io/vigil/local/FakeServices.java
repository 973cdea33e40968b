package io.vigil.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A repository root whose four "services" are tiny stand-ins with Quarkus's entry point class name:
 * they answer {@code /q/health/ready} on QUARKUS_HTTP_PORT and show their environment on {@code /env}, so the
 * launcher can be tested before and apart from the real services. With FAKE_SERVICE_EXIT set they exit at once.
 */
final class FakeServices {

    private static final String ENTRY_POINT = """
            package io.quarkus.bootstrap.runner;

            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;
            import java.util.stream.Collectors;
            import com.sun.net.httpserver.HttpExchange;
            import com.sun.net.httpserver.HttpServer;

            public final class QuarkusEntryPoint {
                public static void main(String[] args) throws Exception {
                    String exit = System.getenv("FAKE_SERVICE_EXIT");
                    if (exit != null) {
                        System.out.println("fake service failing on purpose");
                        System.exit(Integer.parseInt(exit));
                    }
                    int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    server.createContext("/q/health/ready", ex -> answer(ex, "{\\"status\\":\\"UP\\"}"));
                    server.createContext("/env", ex -> answer(ex, System.getenv().entrySet().stream()
                            .filter(e -> e.getKey().matches("(QUARKUS|KAFKA|VIGIL)_.*"))
                            .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining("\\n"))));
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        System.out.println("fake service stopping");
                        server.stop(0);
                    }));
                    server.start();
                    System.out.println("fake service listening on " + port);
                }

                private static void answer(HttpExchange exchange, String body) throws java.io.IOException {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                }
            }
            """;

    private FakeServices() {
    }

    /** Writes the four stand-in fast-jars under {@code root}, where the launcher looks for the real ones. */
    static Path createRoot(Path root) {
        try {
            Path build = Files.createDirectories(root.resolve("fake-build"));
            Path source = build.resolve("io/quarkus/bootstrap/runner/QuarkusEntryPoint.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, ENTRY_POINT);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, "--release", "17", "-d", build.toString(), source.toString()) != 0) {
                throw new IllegalStateException("the fake service did not compile");
            }
            for (Service service : Service.values()) {
                writeJar(service.runJar(root), build, "io/quarkus/bootstrap/runner/QuarkusEntryPoint.class");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJar(Path jar, Path classes, String... entries) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : List.of(entries)) {
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
        }
    }
}
