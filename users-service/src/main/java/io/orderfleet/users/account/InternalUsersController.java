package io.orderfleet.users.account;

import io.orderfleet.users.account.AccountDtos.InternalUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** For orders-service (service token with scope users:read, enforced by the security chain). */
@RestController
class InternalUsersController {

    private final AccountService accounts;

    InternalUsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/internal/v1/users/{id}")
    InternalUser user(@PathVariable long id) {
        UserAccount user = accounts.get(id);
        return new InternalUser(user.id(), user.active(), user.role());
    }
}
