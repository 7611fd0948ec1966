package io.orderfleet.common.openapi;

import io.orderfleet.common.security.FleetSecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.AntPathMatcher;

/**
 * The OpenAPI documents of a servlet service. {@code /v3/api-docs} is the service's own document with
 * every path, internal contracts included (reachable only where the service is); the group
 * {@code public} ({@code /v3/api-docs/public}, the one the gateway's /docs serves) leaves out
 * {@code /internal/**} and the service-to-service token endpoint {@code /oauth2/**}. Both declare the bearer-token scheme and, per operation, who may call it: no
 * token on the public paths, a service token with the internal scope on {@code /internal/**}, the role
 * of a {@code @PreAuthorize("hasRole(...)")}, else any signed-in user ({@code x-required-role}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({GroupedOpenApi.class, PreAuthorize.class})
public class FleetOpenApiAutoConfiguration {

    public static final String PUBLIC_GROUP = "public";
    static final String BEARER = "bearer-jwt";
    private static final Pattern HAS_ROLE = Pattern.compile("hasRole\\('([A-Z_]+)'\\)");

    @Bean
    GroupedOpenApi publicApi() {
        return GroupedOpenApi.builder().group(PUBLIC_GROUP).displayName("public API")
                .pathsToExclude("/internal/**", "/oauth2/**").build();
    }

    @Bean
    GlobalOperationCustomizer fleetRequiredRole() {
        return (operation, handler) -> {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            Matcher role = rule == null ? null : HAS_ROLE.matcher(rule.value());
            operation.addExtension("x-required-role", role != null && role.find() ? role.group(1).toLowerCase() : "user");
            return operation;
        };
    }

    @Bean
    GlobalOpenApiCustomizer fleetSecurityScheme(FleetSecurityProperties security) {
        AntPathMatcher paths = new AntPathMatcher();
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token from POST /api/v1/auth/login (users); service-to-service calls"
                            + " use a client-credentials token instead."));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (security.publicPaths().stream().anyMatch(p -> paths.match(p, path))) {
                    operation.setSecurity(new ArrayList<>());
                    operation.addExtension("x-required-role", "none");
                } else if (path.startsWith("/internal/")) {
                    String scope = security.internalScope();
                    operation.addExtension("x-required-role", "service");
                    operation.addExtension("x-required-scope", scope);
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER, List.of(scope))));
                } else {
                    Object role = operation.getExtensions() == null ? null : operation.getExtensions().get("x-required-role");
                    // OpenAPI 3.1: for a non-OAuth2 scheme the list names the roles the operation requires
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER,
                            role == null || "user".equals(role) ? List.of() : List.of(role.toString()))));
                }
            }));
        };
    }
}
