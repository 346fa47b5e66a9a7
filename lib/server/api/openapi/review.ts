import { E400, E401, E403, E404, E413, E429, error, NAME, type Operation } from "@/lib/server/api/openapi/operation";

// Review of a function's proposal: votes, agreement, withdrawal.

export const REVIEW_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/v1/functions/{name}/votes",
    operationId: "vote",
    summary: "Vote on the current revision",
    description: "Maintainers and admins. One vote per maintainer and revision; voting again changes it.",
    write: true,
    pathParams: NAME,
    body: "VotePost",
    responses: {
      "200": { description: "The vote is recorded.", schema: "VoteResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error("The revision is not the current one, or the function has no proposal."),
      "413": E413,
      "429": E429,
    },
  },
  {
    method: "post",
    path: "/api/v1/functions/{name}/agreement",
    operationId: "recordAgreement",
    summary: "Record agreement on the current revision",
    description: "Maintainers and admins, when the agreement rule is met.",
    write: true,
    pathParams: NAME,
    body: "AgreementPost",
    responses: {
      "200": { description: "Agreement is recorded.", schema: "AgreementResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error(
        "Refused by the review: the rule is not met (`rule` gives its state in words), agreement was " +
          "already recorded, or the revision is not current.",
      ),
      "413": E413,
      "429": E429,
    },
  },
  {
    method: "post",
    path: "/api/v1/functions/{name}/withdrawal",
    operationId: "withdraw",
    summary: "Withdraw the proposal",
    description:
      "Maintainers and admins may withdraw any proposal; withdrawing one with an agreement in force ends the " +
      "agreement, takes a reason, and lists the function under Withdrawn in the export. A representative may " +
      "withdraw only a request of their own project that was never agreed.",
    write: true,
    pathParams: NAME,
    body: "WithdrawalPost",
    responses: {
      "200": { description: "The proposal is withdrawn.", schema: "DecisionResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error("Already rejected or withdrawn, no proposal yet, or an agreement ends without a reason."),
      "413": E413,
      "429": E429,
    },
  },
];
