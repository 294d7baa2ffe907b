/** One (action, resource) AWS authorizes for a request, with the request's condition keys. */
export interface AuthorizationRequirement {
  /** `dynamodb:PutItem` */
  readonly action: string;
  /** `arn:aws:dynamodb:us-east-1:000000000000:table/orders`, `.../index/byDate`, `.../stream/<label>`, or `*` */
  readonly resource: string;
  /** `dynamodb:EnclosingOperation`, `dynamodb:ReturnValues`, `dynamodb:Attributes` (a list), ... as present in the request */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** Where in the request it comes from: `TableName`, `TransactItems[2].Put`, `RequestItems.orders` */
  readonly source: string;
}
