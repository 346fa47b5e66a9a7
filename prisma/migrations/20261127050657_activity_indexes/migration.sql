-- CreateIndex
CREATE INDEX "votes_updated_at_idx" ON "votes"("updated_at");

-- CreateIndex
CREATE INDEX "decisions_created_at_idx" ON "decisions"("created_at");

-- CreateIndex
CREATE INDEX "comments_created_at_idx" ON "comments"("created_at");
