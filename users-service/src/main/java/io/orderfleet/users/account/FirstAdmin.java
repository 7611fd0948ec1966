package io.orderfleet.users.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import io.orderfleet.common.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Creates the first admin from FLEET_ADMIN_EMAIL / FLEET_ADMIN_PASSWORD when there is no admin yet. */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserRepository users;
    private final AccountService accounts;
    private final String email;
    private final String password;
    private final String name;

    FirstAdmin(UserRepository users, AccountService accounts, @Value("${orderfleet.admin.email:}") String email,
            @Value("${orderfleet.admin.password:}") String password,
            @Value("${orderfleet.admin.name:Fleet admin}") String name) {
        this.users = users;
        this.accounts = accounts;
        this.email = email;
        this.password = password;
        this.name = name;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.existsByRole("admin")) {
            return;
        }
        if (email.isBlank() || password.isBlank()) {
            log.warn("No admin exists and FLEET_ADMIN_EMAIL / FLEET_ADMIN_PASSWORD are not set: set them to create one");
            return;
        }
        if (password.length() < 8) {
            throw new IllegalStateException("FLEET_ADMIN_PASSWORD must have at least 8 characters");
        }
        try {
            accounts.create(name, email, password, "admin");
            log.info("Created the first admin {}", email.trim().toLowerCase());
        } catch (ProblemException e) {
            // 409: another instance created it at the same moment
            if (e.status() != HttpStatus.CONFLICT) {
                log.warn("Could not create the first admin: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Could not create the first admin: {}", e.getMessage());
        }
    }
}
