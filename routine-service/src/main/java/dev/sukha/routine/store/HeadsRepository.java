package dev.sukha.routine.store;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class HeadsRepository implements PanacheMongoRepositoryBase<RoutineHeadEntity, String> {
}
