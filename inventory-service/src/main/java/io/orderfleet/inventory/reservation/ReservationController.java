package io.orderfleet.inventory.reservation;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.inventory.reservation.ReservationDtos.Reservation;
import io.orderfleet.inventory.reservation.ReservationDtos.ReserveRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Internal API for orders-service; the security chain admits only service tokens with inventory:reserve. */
@RestController
@RequestMapping("/internal/v1/reservations")
class ReservationController {

    private final ReservationService reservations;

    ReservationController(ReservationService reservations) {
        this.reservations = reservations;
    }

    @PostMapping
    ResponseEntity<Reservation> reserve(@Valid @RequestBody ReserveRequest request) {
        ReservationService.Outcome outcome = reservations.reserve(request.orderId(), request.lines());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.reservation());
    }

    @PostMapping("/{orderId}/release")
    Reservation release(@PathVariable UUID orderId) {
        return reservations.release(orderId);
    }

    @GetMapping("/{orderId}")
    Reservation get(@PathVariable UUID orderId) {
        return reservations.find(orderId)
                .orElseThrow(() -> ProblemException.notFound("No reservation for order " + orderId + "."));
    }
}
