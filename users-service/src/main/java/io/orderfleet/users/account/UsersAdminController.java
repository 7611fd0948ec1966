package io.orderfleet.users.account;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.users.account.AccountDtos.CreateUserRequest;
import io.orderfleet.users.account.AccountDtos.UpdateUserRequest;
import io.orderfleet.users.ordertotals.CustomerTotals;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UsersAdminController {

    private final AccountService accounts;
    private final CustomerTotals totals;

    UsersAdminController(AccountService accounts, CustomerTotals totals) {
        this.accounts = accounts;
        this.totals = totals;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    PageResponse<AdminUserView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @RequestParam(required = false) Boolean active) {
        if (role != null && !role.equals("user") && !role.equals("admin")) {
            throw ProblemException.badRequest("role must be 'user' or 'admin'.");
        }
        if (q != null && q.length() > 200) {
            throw ProblemException.badRequest("q must be at most 200 characters.");
        }
        PageResponse<UserView> found = accounts.search(q, role, active,
                PageQuery.of(page, size, sort, UserSearch.SORTABLE, "createdAt,desc"));
        var byUser = totals.of(found.content().stream().map(UserView::id).toList());
        return found.map(user -> AdminUserView.of(user, byUser.get(user.id())));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
        UserView created = accounts.create(request.name(), request.email(), request.password(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @GetMapping("/stats")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> stats(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 365) {
            throw ProblemException.badRequest("days must be between 1 and 365.");
        }
        return accounts.stats(days);
    }

    /** Another user's id answers 404, as if it did not exist; an admin gets the admin view. */
    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "The user; an admin gets the admin view with the user's order totals",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(oneOf = {UserView.class, AdminUserView.class})))
    Object get(@PathVariable long id, @AuthenticationPrincipal FleetPrincipal me) {
        if (!me.isAdmin() && me.userId() != id) {
            throw ProblemException.notFound("No such user.");
        }
        UserView user = accounts.get(id).view();
        return me.isAdmin() ? AdminUserView.of(user, totals.of(List.of(id)).get(id)) : user;
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    UserView update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request) {
        return accounts.update(id, request.name(), request.role(), request.active());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> deactivate(@PathVariable long id) {
        accounts.update(id, null, null, false);
        return ResponseEntity.noContent().build();
    }
}
