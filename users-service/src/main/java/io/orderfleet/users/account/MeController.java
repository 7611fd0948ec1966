package io.orderfleet.users.account;

import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.users.account.AccountDtos.UpdateMeRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/me")
class MeController {

    private final AccountService accounts;
    private final PreferencesService preferences;

    MeController(AccountService accounts, PreferencesService preferences) {
        this.accounts = accounts;
        this.preferences = preferences;
    }

    @GetMapping
    UserView me(@AuthenticationPrincipal FleetPrincipal me) {
        return accounts.get(me.userId()).view();
    }

    @PatchMapping
    UserView update(@AuthenticationPrincipal FleetPrincipal me, @Valid @RequestBody UpdateMeRequest request) {
        return accounts.updateMe(me.userId(), request.name(), request.currentPassword(), request.newPassword());
    }

    @GetMapping(value = "/preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    String preferences(@AuthenticationPrincipal FleetPrincipal me) {
        return preferences.get(me.userId());
    }

    @PutMapping(value = "/preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    String putPreferences(@AuthenticationPrincipal FleetPrincipal me, @RequestBody String body) {
        return preferences.put(me.userId(), body);
    }
}
