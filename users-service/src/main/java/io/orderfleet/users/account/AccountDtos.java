package io.orderfleet.users.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class AccountDtos {

    private AccountDtos() {
    }

    record UpdateMeRequest(
            @Size(min = 1, max = 100, message = "must be 1 to 100 characters") String name,
            @Size(max = 128) String currentPassword,
            @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String newPassword) {
    }

    record CreateUserRequest(
            @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") String name,
            @NotBlank(message = "must not be blank") @Pattern(regexp = EmailAddress.PATTERN, message = "must be an email address") @Size(max = 254) String email,
            @NotBlank(message = "must not be blank") @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotNull(message = "must be user or admin") @Pattern(regexp = "user|admin", message = "must be user or admin") String role) {
    }

    record UpdateUserRequest(
            @Size(min = 1, max = 100, message = "must be 1 to 100 characters") String name,
            @Pattern(regexp = "user|admin", message = "must be user or admin") String role,
            Boolean active) {
    }

    record InternalUser(long id, boolean active, String role) {
    }
}
