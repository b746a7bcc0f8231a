// GENERATED FILE: do not edit. It is ajv's standalone code for KCIDB_SCHEMA_V5_3
// (src/schema.ts), written by scripts/compile-validator.mjs from src/validator-codegen.ts
// when @kci-bridge/kcidb is built; validator-codegen.spec.ts fails if it is out of date.
/* eslint-disable */
import { AJV_RUNTIME, KCIDB_FORMATS as kcidbFormats } from '../formats.js';

// ajv's standalone code asks for its runtime helpers (ucs2length) with require():
// formats.ts provides them.
const require = (id) => {
  const helper = AJV_RUNTIME[id];
  if (helper === undefined) throw new Error(`no ajv runtime helper ${id} in formats.ts`);
  return helper;
};

export const validate = validate21;
export default validate21;
const schema6 = {"$schema":"http://json-schema.org/draft-07/schema#","title":"kcidb","description":"Kernel CI report data, KCIDB I/O schema v5.3. No property may be null; extra data goes in \"misc\".","type":"object","additionalProperties":false,"required":["version"],"properties":{"version":{"type":"object","additionalProperties":false,"required":["major"],"properties":{"major":{"type":"integer","const":5},"minor":{"type":"integer","minimum":0,"maximum":3}}},"checkouts":{"type":"array","items":{"$ref":"#/$defs/checkout"}},"builds":{"type":"array","items":{"$ref":"#/$defs/build"}},"tests":{"type":"array","items":{"$ref":"#/$defs/test"}},"issues":{"type":"array","items":{"$ref":"#/$defs/issue"}},"incidents":{"type":"array","items":{"$ref":"#/$defs/incident"}}},"$defs":{"checkout":{"title":"checkout","type":"object","additionalProperties":false,"required":["id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"tree_name":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_url":{"type":"string","format":"uri","pattern":"^https://[^\\0]*$"},"git_commit_hash":{"type":"string","pattern":"^[0-9a-f]{40}$"},"git_commit_name":{"type":"string","pattern":"^[^\\0]*$"},"git_commit_tags":{"type":"array","items":{"type":"string","pattern":"^[^\\0]*$"}},"git_commit_message":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_branch":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_branch_tip":{"type":"boolean"},"patchset_files":{"$ref":"#/$defs/resource_list"},"patchset_hash":{"type":"string","pattern":"^$|^[0-9a-f]{64}$"},"message_id":{"type":"string","format":"email"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"start_time":{"type":"string","format":"date-time"},"origin_builds_finish_time":{"type":"string","format":"date-time"},"origin_tests_finish_time":{"type":"string","format":"date-time"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"valid":{"type":"boolean"},"misc":{"type":"object"}}},"build":{"title":"build","type":"object","additionalProperties":false,"required":["checkout_id","id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"checkout_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"start_time":{"type":"string","format":"date-time"},"duration":{"type":"number"},"architecture":{"type":"string","pattern":"^[a-z0-9_]*$"},"command":{"type":"string","pattern":"^[^\\0]*$"},"compiler":{"type":"string","pattern":"^[^\\0]*$"},"input_files":{"$ref":"#/$defs/resource_list"},"output_files":{"$ref":"#/$defs/resource_list"},"config_name":{"type":"string","pattern":"^[^\\0]*$"},"config_url":{"type":"string","format":"uri"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"status":{"$ref":"#/$defs/status"},"misc":{"type":"object"}}},"test":{"title":"test","type":"object","additionalProperties":false,"required":["build_id","id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"build_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"environment":{"type":"object","additionalProperties":false,"properties":{"comment":{"type":"string","pattern":"^[^\\0]*$"},"compatible":{"type":"array","items":{"type":"string","pattern":"^[^ \\0]+(,[^ \\0]+)*$"}},"misc":{"type":"object"}}},"path":{"$ref":"#/$defs/path"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"status":{"$ref":"#/$defs/status"},"number":{"type":"object","additionalProperties":false,"required":["value"],"properties":{"value":{"type":"number"},"unit":{"type":"string","pattern":"^[^\\0]*$"},"prefix":{"type":"string","enum":["metric","binary"]}}},"start_time":{"type":"string","format":"date-time"},"duration":{"type":"number"},"input_files":{"$ref":"#/$defs/resource_list"},"output_files":{"$ref":"#/$defs/resource_list"},"misc":{"type":"object"}}},"issue":{"title":"issue","type":"object","additionalProperties":false,"required":["id","version","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"version":{"type":"integer","minimum":0},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"report_url":{"type":"string","format":"uri"},"report_subject":{"type":"string","pattern":"^[^\\0]*$"},"culprit":{"type":"object","additionalProperties":false,"properties":{"code":{"type":"boolean"},"tool":{"type":"boolean"},"harness":{"type":"boolean"}}},"categories":{"type":"array","items":{"$ref":"#/$defs/path"}},"comment":{"type":"string","pattern":"^[^\\0]*$"},"misc":{"type":"object"}}},"incident":{"title":"incident","type":"object","additionalProperties":false,"required":["id","origin","issue_id","issue_version"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"issue_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"issue_version":{"type":"integer","minimum":0},"build_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"test_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"present":{"type":"boolean"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"misc":{"type":"object"}}},"path":{"type":"string","pattern":"^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$"},"resource":{"title":"resource","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"type":"string","pattern":"^[^/\\0]+$"},"url":{"type":"string","format":"uri"}}},"resource_list":{"type":"array","items":{"$ref":"#/$defs/resource"}},"status":{"type":"string","enum":["FAIL","ERROR","MISS","PASS","DONE","SKIP"]}}};
const schema7 = {"title":"checkout","type":"object","additionalProperties":false,"required":["id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"tree_name":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_url":{"type":"string","format":"uri","pattern":"^https://[^\\0]*$"},"git_commit_hash":{"type":"string","pattern":"^[0-9a-f]{40}$"},"git_commit_name":{"type":"string","pattern":"^[^\\0]*$"},"git_commit_tags":{"type":"array","items":{"type":"string","pattern":"^[^\\0]*$"}},"git_commit_message":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_branch":{"type":"string","pattern":"^[^\\0]*$"},"git_repository_branch_tip":{"type":"boolean"},"patchset_files":{"$ref":"#/$defs/resource_list"},"patchset_hash":{"type":"string","pattern":"^$|^[0-9a-f]{64}$"},"message_id":{"type":"string","format":"email"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"start_time":{"type":"string","format":"date-time"},"origin_builds_finish_time":{"type":"string","format":"date-time"},"origin_tests_finish_time":{"type":"string","format":"date-time"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"valid":{"type":"boolean"},"misc":{"type":"object"}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const formats0 = kcidbFormats["date-time"];
const formats2 = kcidbFormats.uri;
const formats6 = kcidbFormats.email;
const pattern0 = new RegExp("^[a-z0-9_]+:[^\\0]*$", "u");
const pattern1 = new RegExp("^[a-z0-9_]+$", "u");
const pattern2 = new RegExp("^[^\\0]*$", "u");
const pattern3 = new RegExp("^https://[^\\0]*$", "u");
const pattern4 = new RegExp("^[0-9a-f]{40}$", "u");
const pattern10 = new RegExp("^$|^[0-9a-f]{64}$", "u");
const schema8 = {"type":"array","items":{"$ref":"#/$defs/resource"}};
const schema9 = {"title":"resource","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"type":"string","pattern":"^[^/\\0]+$"},"url":{"type":"string","format":"uri"}}};
const pattern9 = new RegExp("^[^/\\0]+$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema9.required,parentSchema:schema9,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema9.required,parentSchema:schema9,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "name") || (key0 === "url"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema9,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern9.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[^/\\0]+$"},message:"must match pattern \""+"^[^/\\0]+$"+"\"",schema:"^[^/\\0]+$",parentSchema:schema9.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema9.properties.name.type,parentSchema:schema9.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!(formats2(data1))){
const err5 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema9.properties.url,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema9.properties.url.type,parentSchema:schema9.properties.url,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema9.type,parentSchema:schema9,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}


function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate24(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema8.type,parentSchema:schema8,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema7.required,parentSchema:schema7,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.origin === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "origin"},message:"must have required property '"+"origin"+"'",schema:schema7.required,parentSchema:schema7,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema7.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema7,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data._timestamp !== undefined){
let data0 = data._timestamp;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err3 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema7.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties._timestamp.type,parentSchema:schema7.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema7.properties.id,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.id.type,parentSchema:schema7.properties.id,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.origin !== undefined){
let data2 = data.origin;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err7 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema7.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.origin.type,parentSchema:schema7.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.tree_name !== undefined){
let data3 = data.tree_name;
if(typeof data3 === "string"){
if(!pattern2.test(data3)){
const err9 = {instancePath:instancePath+"/tree_name",schemaPath:"#/properties/tree_name/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.tree_name,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/tree_name",schemaPath:"#/properties/tree_name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.tree_name.type,parentSchema:schema7.properties.tree_name,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.git_repository_url !== undefined){
let data4 = data.git_repository_url;
if(typeof data4 === "string"){
if(!pattern3.test(data4)){
const err11 = {instancePath:instancePath+"/git_repository_url",schemaPath:"#/properties/git_repository_url/pattern",keyword:"pattern",params:{pattern: "^https://[^\\0]*$"},message:"must match pattern \""+"^https://[^\\0]*$"+"\"",schema:"^https://[^\\0]*$",parentSchema:schema7.properties.git_repository_url,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(formats2(data4))){
const err12 = {instancePath:instancePath+"/git_repository_url",schemaPath:"#/properties/git_repository_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema7.properties.git_repository_url,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/git_repository_url",schemaPath:"#/properties/git_repository_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_repository_url.type,parentSchema:schema7.properties.git_repository_url,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.git_commit_hash !== undefined){
let data5 = data.git_commit_hash;
if(typeof data5 === "string"){
if(!pattern4.test(data5)){
const err14 = {instancePath:instancePath+"/git_commit_hash",schemaPath:"#/properties/git_commit_hash/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\"",schema:"^[0-9a-f]{40}$",parentSchema:schema7.properties.git_commit_hash,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/git_commit_hash",schemaPath:"#/properties/git_commit_hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_commit_hash.type,parentSchema:schema7.properties.git_commit_hash,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.git_commit_name !== undefined){
let data6 = data.git_commit_name;
if(typeof data6 === "string"){
if(!pattern2.test(data6)){
const err16 = {instancePath:instancePath+"/git_commit_name",schemaPath:"#/properties/git_commit_name/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.git_commit_name,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/git_commit_name",schemaPath:"#/properties/git_commit_name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_commit_name.type,parentSchema:schema7.properties.git_commit_name,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.git_commit_tags !== undefined){
let data7 = data.git_commit_tags;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 === "string"){
if(!pattern2.test(data8)){
const err18 = {instancePath:instancePath+"/git_commit_tags/" + i0,schemaPath:"#/properties/git_commit_tags/items/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.git_commit_tags.items,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/git_commit_tags/" + i0,schemaPath:"#/properties/git_commit_tags/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_commit_tags.items.type,parentSchema:schema7.properties.git_commit_tags.items,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/git_commit_tags",schemaPath:"#/properties/git_commit_tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema7.properties.git_commit_tags.type,parentSchema:schema7.properties.git_commit_tags,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.git_commit_message !== undefined){
let data9 = data.git_commit_message;
if(typeof data9 === "string"){
if(!pattern2.test(data9)){
const err21 = {instancePath:instancePath+"/git_commit_message",schemaPath:"#/properties/git_commit_message/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.git_commit_message,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/git_commit_message",schemaPath:"#/properties/git_commit_message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_commit_message.type,parentSchema:schema7.properties.git_commit_message,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.git_repository_branch !== undefined){
let data10 = data.git_repository_branch;
if(typeof data10 === "string"){
if(!pattern2.test(data10)){
const err23 = {instancePath:instancePath+"/git_repository_branch",schemaPath:"#/properties/git_repository_branch/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.git_repository_branch,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/git_repository_branch",schemaPath:"#/properties/git_repository_branch/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.git_repository_branch.type,parentSchema:schema7.properties.git_repository_branch,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.git_repository_branch_tip !== undefined){
let data11 = data.git_repository_branch_tip;
if(typeof data11 !== "boolean"){
const err25 = {instancePath:instancePath+"/git_repository_branch_tip",schemaPath:"#/properties/git_repository_branch_tip/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema7.properties.git_repository_branch_tip.type,parentSchema:schema7.properties.git_repository_branch_tip,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.patchset_files !== undefined){
if(!(validate23(data.patchset_files, {instancePath:instancePath+"/patchset_files",parentData:data,parentDataProperty:"patchset_files",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.patchset_hash !== undefined){
let data13 = data.patchset_hash;
if(typeof data13 === "string"){
if(!pattern10.test(data13)){
const err26 = {instancePath:instancePath+"/patchset_hash",schemaPath:"#/properties/patchset_hash/pattern",keyword:"pattern",params:{pattern: "^$|^[0-9a-f]{64}$"},message:"must match pattern \""+"^$|^[0-9a-f]{64}$"+"\"",schema:"^$|^[0-9a-f]{64}$",parentSchema:schema7.properties.patchset_hash,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/patchset_hash",schemaPath:"#/properties/patchset_hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.patchset_hash.type,parentSchema:schema7.properties.patchset_hash,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.message_id !== undefined){
let data14 = data.message_id;
if(typeof data14 === "string"){
if(!(formats6.validate(data14))){
const err28 = {instancePath:instancePath+"/message_id",schemaPath:"#/properties/message_id/format",keyword:"format",params:{format: "email"},message:"must match format \""+"email"+"\"",schema:"email",parentSchema:schema7.properties.message_id,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/message_id",schemaPath:"#/properties/message_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.message_id.type,parentSchema:schema7.properties.message_id,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.comment !== undefined){
let data15 = data.comment;
if(typeof data15 === "string"){
if(!pattern2.test(data15)){
const err30 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.comment,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.comment.type,parentSchema:schema7.properties.comment,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.start_time !== undefined){
let data16 = data.start_time;
if(typeof data16 === "string"){
if(!(formats0.validate(data16))){
const err32 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema7.properties.start_time,data:data16};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.start_time.type,parentSchema:schema7.properties.start_time,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.origin_builds_finish_time !== undefined){
let data17 = data.origin_builds_finish_time;
if(typeof data17 === "string"){
if(!(formats0.validate(data17))){
const err34 = {instancePath:instancePath+"/origin_builds_finish_time",schemaPath:"#/properties/origin_builds_finish_time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema7.properties.origin_builds_finish_time,data:data17};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/origin_builds_finish_time",schemaPath:"#/properties/origin_builds_finish_time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.origin_builds_finish_time.type,parentSchema:schema7.properties.origin_builds_finish_time,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.origin_tests_finish_time !== undefined){
let data18 = data.origin_tests_finish_time;
if(typeof data18 === "string"){
if(!(formats0.validate(data18))){
const err36 = {instancePath:instancePath+"/origin_tests_finish_time",schemaPath:"#/properties/origin_tests_finish_time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema7.properties.origin_tests_finish_time,data:data18};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/origin_tests_finish_time",schemaPath:"#/properties/origin_tests_finish_time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.origin_tests_finish_time.type,parentSchema:schema7.properties.origin_tests_finish_time,data:data18};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.log_url !== undefined){
let data19 = data.log_url;
if(typeof data19 === "string"){
if(!(formats2(data19))){
const err38 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema7.properties.log_url,data:data19};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.log_url.type,parentSchema:schema7.properties.log_url,data:data19};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.log_excerpt !== undefined){
let data20 = data.log_excerpt;
if(typeof data20 === "string"){
if(func3(data20) > 16384){
const err40 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema7.properties.log_excerpt,data:data20};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(!pattern2.test(data20)){
const err41 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema7.properties.log_excerpt,data:data20};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema7.properties.log_excerpt.type,parentSchema:schema7.properties.log_excerpt,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.valid !== undefined){
let data21 = data.valid;
if(typeof data21 !== "boolean"){
const err43 = {instancePath:instancePath+"/valid",schemaPath:"#/properties/valid/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema7.properties.valid.type,parentSchema:schema7.properties.valid,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.misc !== undefined){
let data22 = data.misc;
if(!(data22 && typeof data22 == "object" && !Array.isArray(data22))){
const err44 = {instancePath:instancePath+"/misc",schemaPath:"#/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema7.properties.misc.type,parentSchema:schema7.properties.misc,data:data22};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema7.type,parentSchema:schema7,data};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema10 = {"title":"build","type":"object","additionalProperties":false,"required":["checkout_id","id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"checkout_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"start_time":{"type":"string","format":"date-time"},"duration":{"type":"number"},"architecture":{"type":"string","pattern":"^[a-z0-9_]*$"},"command":{"type":"string","pattern":"^[^\\0]*$"},"compiler":{"type":"string","pattern":"^[^\\0]*$"},"input_files":{"$ref":"#/$defs/resource_list"},"output_files":{"$ref":"#/$defs/resource_list"},"config_name":{"type":"string","pattern":"^[^\\0]*$"},"config_url":{"type":"string","format":"uri"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"status":{"$ref":"#/$defs/status"},"misc":{"type":"object"}}};
const pattern17 = new RegExp("^[a-z0-9_]*$", "u");
const schema11 = {"type":"string","enum":["FAIL","ERROR","MISS","PASS","DONE","SKIP"]};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(typeof data !== "string"){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!((((((data === "FAIL") || (data === "ERROR")) || (data === "MISS")) || (data === "PASS")) || (data === "DONE")) || (data === "SKIP"))){
const err1 = {instancePath,schemaPath:"#/enum",keyword:"enum",params:{allowedValues: schema11.enum},message:"must be equal to one of the allowed values",schema:schema11.enum,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}


function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.checkout_id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "checkout_id"},message:"must have required property '"+"checkout_id"+"'",schema:schema10.required,parentSchema:schema10,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.id === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema10.required,parentSchema:schema10,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.origin === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "origin"},message:"must have required property '"+"origin"+"'",schema:schema10.required,parentSchema:schema10,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema10.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema10,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data._timestamp !== undefined){
let data0 = data._timestamp;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err4 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema10.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties._timestamp.type,parentSchema:schema10.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema10.properties.id,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.id.type,parentSchema:schema10.properties.id,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.origin !== undefined){
let data2 = data.origin;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err8 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema10.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.origin.type,parentSchema:schema10.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.checkout_id !== undefined){
let data3 = data.checkout_id;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err10 = {instancePath:instancePath+"/checkout_id",schemaPath:"#/properties/checkout_id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema10.properties.checkout_id,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/checkout_id",schemaPath:"#/properties/checkout_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.checkout_id.type,parentSchema:schema10.properties.checkout_id,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.comment !== undefined){
let data4 = data.comment;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err12 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema10.properties.comment,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.comment.type,parentSchema:schema10.properties.comment,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.start_time !== undefined){
let data5 = data.start_time;
if(typeof data5 === "string"){
if(!(formats0.validate(data5))){
const err14 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema10.properties.start_time,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.start_time.type,parentSchema:schema10.properties.start_time,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.duration !== undefined){
let data6 = data.duration;
if(!((typeof data6 == "number") && (isFinite(data6)))){
const err16 = {instancePath:instancePath+"/duration",schemaPath:"#/properties/duration/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema10.properties.duration.type,parentSchema:schema10.properties.duration,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.architecture !== undefined){
let data7 = data.architecture;
if(typeof data7 === "string"){
if(!pattern17.test(data7)){
const err17 = {instancePath:instancePath+"/architecture",schemaPath:"#/properties/architecture/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]*$"},message:"must match pattern \""+"^[a-z0-9_]*$"+"\"",schema:"^[a-z0-9_]*$",parentSchema:schema10.properties.architecture,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/architecture",schemaPath:"#/properties/architecture/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.architecture.type,parentSchema:schema10.properties.architecture,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.command !== undefined){
let data8 = data.command;
if(typeof data8 === "string"){
if(!pattern2.test(data8)){
const err19 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema10.properties.command,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.command.type,parentSchema:schema10.properties.command,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.compiler !== undefined){
let data9 = data.compiler;
if(typeof data9 === "string"){
if(!pattern2.test(data9)){
const err21 = {instancePath:instancePath+"/compiler",schemaPath:"#/properties/compiler/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema10.properties.compiler,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/compiler",schemaPath:"#/properties/compiler/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.compiler.type,parentSchema:schema10.properties.compiler,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.input_files !== undefined){
if(!(validate23(data.input_files, {instancePath:instancePath+"/input_files",parentData:data,parentDataProperty:"input_files",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.output_files !== undefined){
if(!(validate23(data.output_files, {instancePath:instancePath+"/output_files",parentData:data,parentDataProperty:"output_files",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.config_name !== undefined){
let data12 = data.config_name;
if(typeof data12 === "string"){
if(!pattern2.test(data12)){
const err23 = {instancePath:instancePath+"/config_name",schemaPath:"#/properties/config_name/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema10.properties.config_name,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/config_name",schemaPath:"#/properties/config_name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.config_name.type,parentSchema:schema10.properties.config_name,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.config_url !== undefined){
let data13 = data.config_url;
if(typeof data13 === "string"){
if(!(formats2(data13))){
const err25 = {instancePath:instancePath+"/config_url",schemaPath:"#/properties/config_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema10.properties.config_url,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/config_url",schemaPath:"#/properties/config_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.config_url.type,parentSchema:schema10.properties.config_url,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.log_url !== undefined){
let data14 = data.log_url;
if(typeof data14 === "string"){
if(!(formats2(data14))){
const err27 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema10.properties.log_url,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.log_url.type,parentSchema:schema10.properties.log_url,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.log_excerpt !== undefined){
let data15 = data.log_excerpt;
if(typeof data15 === "string"){
if(func3(data15) > 16384){
const err29 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema10.properties.log_excerpt,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(!pattern2.test(data15)){
const err30 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema10.properties.log_excerpt,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema10.properties.log_excerpt.type,parentSchema:schema10.properties.log_excerpt,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.status !== undefined){
if(!(validate31(data.status, {instancePath:instancePath+"/status",parentData:data,parentDataProperty:"status",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.misc !== undefined){
let data17 = data.misc;
if(!(data17 && typeof data17 == "object" && !Array.isArray(data17))){
const err32 = {instancePath:instancePath+"/misc",schemaPath:"#/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.properties.misc.type,parentSchema:schema10.properties.misc,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema10.type,parentSchema:schema10,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}

const schema12 = {"title":"test","type":"object","additionalProperties":false,"required":["build_id","id","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"build_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"environment":{"type":"object","additionalProperties":false,"properties":{"comment":{"type":"string","pattern":"^[^\\0]*$"},"compatible":{"type":"array","items":{"type":"string","pattern":"^[^ \\0]+(,[^ \\0]+)*$"}},"misc":{"type":"object"}}},"path":{"$ref":"#/$defs/path"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"log_url":{"type":"string","format":"uri"},"log_excerpt":{"type":"string","maxLength":16384,"pattern":"^[^\\0]*$"},"status":{"$ref":"#/$defs/status"},"number":{"type":"object","additionalProperties":false,"required":["value"],"properties":{"value":{"type":"number"},"unit":{"type":"string","pattern":"^[^\\0]*$"},"prefix":{"type":"string","enum":["metric","binary"]}}},"start_time":{"type":"string","format":"date-time"},"duration":{"type":"number"},"input_files":{"$ref":"#/$defs/resource_list"},"output_files":{"$ref":"#/$defs/resource_list"},"misc":{"type":"object"}}};
const pattern26 = new RegExp("^[^ \\0]+(,[^ \\0]+)*$", "u");
const schema13 = {"type":"string","pattern":"^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$"};
const pattern27 = new RegExp("^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$", "u");

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(typeof data === "string"){
if(!pattern27.test(data)){
const err0 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$"},message:"must match pattern \""+"^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$"+"\"",schema:"^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$",parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}


function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.build_id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "build_id"},message:"must have required property '"+"build_id"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.id === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.origin === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "origin"},message:"must have required property '"+"origin"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data._timestamp !== undefined){
let data0 = data._timestamp;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err4 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema12.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties._timestamp.type,parentSchema:schema12.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema12.properties.id,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.id.type,parentSchema:schema12.properties.id,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.origin !== undefined){
let data2 = data.origin;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err8 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema12.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.origin.type,parentSchema:schema12.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.build_id !== undefined){
let data3 = data.build_id;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err10 = {instancePath:instancePath+"/build_id",schemaPath:"#/properties/build_id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema12.properties.build_id,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/build_id",schemaPath:"#/properties/build_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.build_id.type,parentSchema:schema12.properties.build_id,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.environment !== undefined){
let data4 = data.environment;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
if(!(((key1 === "comment") || (key1 === "compatible")) || (key1 === "misc"))){
const err12 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.environment,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.comment !== undefined){
let data5 = data4.comment;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err13 = {instancePath:instancePath+"/environment/comment",schemaPath:"#/properties/environment/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema12.properties.environment.properties.comment,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/environment/comment",schemaPath:"#/properties/environment/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.environment.properties.comment.type,parentSchema:schema12.properties.environment.properties.comment,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.compatible !== undefined){
let data6 = data4.compatible;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 === "string"){
if(!pattern26.test(data7)){
const err15 = {instancePath:instancePath+"/environment/compatible/" + i0,schemaPath:"#/properties/environment/properties/compatible/items/pattern",keyword:"pattern",params:{pattern: "^[^ \\0]+(,[^ \\0]+)*$"},message:"must match pattern \""+"^[^ \\0]+(,[^ \\0]+)*$"+"\"",schema:"^[^ \\0]+(,[^ \\0]+)*$",parentSchema:schema12.properties.environment.properties.compatible.items,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/environment/compatible/" + i0,schemaPath:"#/properties/environment/properties/compatible/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.environment.properties.compatible.items.type,parentSchema:schema12.properties.environment.properties.compatible.items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/environment/compatible",schemaPath:"#/properties/environment/properties/compatible/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.environment.properties.compatible.type,parentSchema:schema12.properties.environment.properties.compatible,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.misc !== undefined){
let data8 = data4.misc;
if(!(data8 && typeof data8 == "object" && !Array.isArray(data8))){
const err18 = {instancePath:instancePath+"/environment/misc",schemaPath:"#/properties/environment/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.environment.properties.misc.type,parentSchema:schema12.properties.environment.properties.misc,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.environment.type,parentSchema:schema12.properties.environment,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.path !== undefined){
if(!(validate35(data.path, {instancePath:instancePath+"/path",parentData:data,parentDataProperty:"path",rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
if(data.comment !== undefined){
let data10 = data.comment;
if(typeof data10 === "string"){
if(!pattern2.test(data10)){
const err20 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema12.properties.comment,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.comment.type,parentSchema:schema12.properties.comment,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.log_url !== undefined){
let data11 = data.log_url;
if(typeof data11 === "string"){
if(!(formats2(data11))){
const err22 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema12.properties.log_url,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/log_url",schemaPath:"#/properties/log_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.log_url.type,parentSchema:schema12.properties.log_url,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.log_excerpt !== undefined){
let data12 = data.log_excerpt;
if(typeof data12 === "string"){
if(func3(data12) > 16384){
const err24 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema12.properties.log_excerpt,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(!pattern2.test(data12)){
const err25 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema12.properties.log_excerpt,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/log_excerpt",schemaPath:"#/properties/log_excerpt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.log_excerpt.type,parentSchema:schema12.properties.log_excerpt,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.status !== undefined){
if(!(validate31(data.status, {instancePath:instancePath+"/status",parentData:data,parentDataProperty:"status",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.number !== undefined){
let data14 = data.number;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.value === undefined){
const err27 = {instancePath:instancePath+"/number",schemaPath:"#/properties/number/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema12.properties.number.required,parentSchema:schema12.properties.number,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key2 in data14){
if(!(((key2 === "value") || (key2 === "unit")) || (key2 === "prefix"))){
const err28 = {instancePath:instancePath+"/number",schemaPath:"#/properties/number/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.number,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data14.value !== undefined){
let data15 = data14.value;
if(!((typeof data15 == "number") && (isFinite(data15)))){
const err29 = {instancePath:instancePath+"/number/value",schemaPath:"#/properties/number/properties/value/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.number.properties.value.type,parentSchema:schema12.properties.number.properties.value,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data14.unit !== undefined){
let data16 = data14.unit;
if(typeof data16 === "string"){
if(!pattern2.test(data16)){
const err30 = {instancePath:instancePath+"/number/unit",schemaPath:"#/properties/number/properties/unit/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema12.properties.number.properties.unit,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/number/unit",schemaPath:"#/properties/number/properties/unit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.number.properties.unit.type,parentSchema:schema12.properties.number.properties.unit,data:data16};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data14.prefix !== undefined){
let data17 = data14.prefix;
if(typeof data17 !== "string"){
const err32 = {instancePath:instancePath+"/number/prefix",schemaPath:"#/properties/number/properties/prefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.number.properties.prefix.type,parentSchema:schema12.properties.number.properties.prefix,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!((data17 === "metric") || (data17 === "binary"))){
const err33 = {instancePath:instancePath+"/number/prefix",schemaPath:"#/properties/number/properties/prefix/enum",keyword:"enum",params:{allowedValues: schema12.properties.number.properties.prefix.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.number.properties.prefix.enum,parentSchema:schema12.properties.number.properties.prefix,data:data17};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/number",schemaPath:"#/properties/number/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.number.type,parentSchema:schema12.properties.number,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.start_time !== undefined){
let data18 = data.start_time;
if(typeof data18 === "string"){
if(!(formats0.validate(data18))){
const err35 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema12.properties.start_time,data:data18};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/start_time",schemaPath:"#/properties/start_time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.start_time.type,parentSchema:schema12.properties.start_time,data:data18};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.duration !== undefined){
let data19 = data.duration;
if(!((typeof data19 == "number") && (isFinite(data19)))){
const err37 = {instancePath:instancePath+"/duration",schemaPath:"#/properties/duration/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.duration.type,parentSchema:schema12.properties.duration,data:data19};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.input_files !== undefined){
if(!(validate23(data.input_files, {instancePath:instancePath+"/input_files",parentData:data,parentDataProperty:"input_files",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.output_files !== undefined){
if(!(validate23(data.output_files, {instancePath:instancePath+"/output_files",parentData:data,parentDataProperty:"output_files",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.misc !== undefined){
let data22 = data.misc;
if(!(data22 && typeof data22 == "object" && !Array.isArray(data22))){
const err38 = {instancePath:instancePath+"/misc",schemaPath:"#/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.misc.type,parentSchema:schema12.properties.misc,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}

const schema14 = {"title":"issue","type":"object","additionalProperties":false,"required":["id","version","origin"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"version":{"type":"integer","minimum":0},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"report_url":{"type":"string","format":"uri"},"report_subject":{"type":"string","pattern":"^[^\\0]*$"},"culprit":{"type":"object","additionalProperties":false,"properties":{"code":{"type":"boolean"},"tool":{"type":"boolean"},"harness":{"type":"boolean"}}},"categories":{"type":"array","items":{"$ref":"#/$defs/path"}},"comment":{"type":"string","pattern":"^[^\\0]*$"},"misc":{"type":"object"}}};

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.version === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.origin === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "origin"},message:"must have required property '"+"origin"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema14.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data._timestamp !== undefined){
let data0 = data._timestamp;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err4 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema14.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties._timestamp.type,parentSchema:schema14.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema14.properties.id,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.id.type,parentSchema:schema14.properties.id,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.properties.version.type,parentSchema:schema14.properties.version,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.properties.version,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.origin !== undefined){
let data3 = data.origin;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err10 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema14.properties.origin,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.origin.type,parentSchema:schema14.properties.origin,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.report_url !== undefined){
let data4 = data.report_url;
if(typeof data4 === "string"){
if(!(formats2(data4))){
const err12 = {instancePath:instancePath+"/report_url",schemaPath:"#/properties/report_url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema14.properties.report_url,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/report_url",schemaPath:"#/properties/report_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.report_url.type,parentSchema:schema14.properties.report_url,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.report_subject !== undefined){
let data5 = data.report_subject;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err14 = {instancePath:instancePath+"/report_subject",schemaPath:"#/properties/report_subject/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema14.properties.report_subject,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/report_subject",schemaPath:"#/properties/report_subject/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.report_subject.type,parentSchema:schema14.properties.report_subject,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.culprit !== undefined){
let data6 = data.culprit;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
if(!(((key1 === "code") || (key1 === "tool")) || (key1 === "harness"))){
const err16 = {instancePath:instancePath+"/culprit",schemaPath:"#/properties/culprit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema14.properties.culprit,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data6.code !== undefined){
let data7 = data6.code;
if(typeof data7 !== "boolean"){
const err17 = {instancePath:instancePath+"/culprit/code",schemaPath:"#/properties/culprit/properties/code/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.culprit.properties.code.type,parentSchema:schema14.properties.culprit.properties.code,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.tool !== undefined){
let data8 = data6.tool;
if(typeof data8 !== "boolean"){
const err18 = {instancePath:instancePath+"/culprit/tool",schemaPath:"#/properties/culprit/properties/tool/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.culprit.properties.tool.type,parentSchema:schema14.properties.culprit.properties.tool,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data6.harness !== undefined){
let data9 = data6.harness;
if(typeof data9 !== "boolean"){
const err19 = {instancePath:instancePath+"/culprit/harness",schemaPath:"#/properties/culprit/properties/harness/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.culprit.properties.harness.type,parentSchema:schema14.properties.culprit.properties.harness,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/culprit",schemaPath:"#/properties/culprit/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.properties.culprit.type,parentSchema:schema14.properties.culprit,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.categories !== undefined){
let data10 = data.categories;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
if(!(validate35(data10[i0], {instancePath:instancePath+"/categories/" + i0,parentData:data10,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/categories",schemaPath:"#/properties/categories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.categories.type,parentSchema:schema14.properties.categories,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.comment !== undefined){
let data12 = data.comment;
if(typeof data12 === "string"){
if(!pattern2.test(data12)){
const err22 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema14.properties.comment,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.comment.type,parentSchema:schema14.properties.comment,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.misc !== undefined){
let data13 = data.misc;
if(!(data13 && typeof data13 == "object" && !Array.isArray(data13))){
const err24 = {instancePath:instancePath+"/misc",schemaPath:"#/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.properties.misc.type,parentSchema:schema14.properties.misc,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}

const schema15 = {"title":"incident","type":"object","additionalProperties":false,"required":["id","origin","issue_id","issue_version"],"properties":{"_timestamp":{"type":"string","format":"date-time"},"id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"origin":{"type":"string","pattern":"^[a-z0-9_]+$"},"issue_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"issue_version":{"type":"integer","minimum":0},"build_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"test_id":{"type":"string","pattern":"^[a-z0-9_]+:[^\\0]*$"},"present":{"type":"boolean"},"comment":{"type":"string","pattern":"^[^\\0]*$"},"misc":{"type":"object"}}};

function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.origin === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "origin"},message:"must have required property '"+"origin"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.issue_id === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "issue_id"},message:"must have required property '"+"issue_id"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.issue_version === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "issue_version"},message:"must have required property '"+"issue_version"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema15.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data._timestamp !== undefined){
let data0 = data._timestamp;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err5 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema15.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/_timestamp",schemaPath:"#/properties/_timestamp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties._timestamp.type,parentSchema:schema15.properties._timestamp,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema15.properties.id,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.id.type,parentSchema:schema15.properties.id,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.origin !== undefined){
let data2 = data.origin;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err9 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema15.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/origin",schemaPath:"#/properties/origin/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.origin.type,parentSchema:schema15.properties.origin,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.issue_id !== undefined){
let data3 = data.issue_id;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err11 = {instancePath:instancePath+"/issue_id",schemaPath:"#/properties/issue_id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema15.properties.issue_id,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/issue_id",schemaPath:"#/properties/issue_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.issue_id.type,parentSchema:schema15.properties.issue_id,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.issue_version !== undefined){
let data4 = data.issue_version;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err13 = {instancePath:instancePath+"/issue_version",schemaPath:"#/properties/issue_version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.issue_version.type,parentSchema:schema15.properties.issue_version,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err14 = {instancePath:instancePath+"/issue_version",schemaPath:"#/properties/issue_version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema15.properties.issue_version,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data.build_id !== undefined){
let data5 = data.build_id;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err15 = {instancePath:instancePath+"/build_id",schemaPath:"#/properties/build_id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema15.properties.build_id,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/build_id",schemaPath:"#/properties/build_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.build_id.type,parentSchema:schema15.properties.build_id,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.test_id !== undefined){
let data6 = data.test_id;
if(typeof data6 === "string"){
if(!pattern0.test(data6)){
const err17 = {instancePath:instancePath+"/test_id",schemaPath:"#/properties/test_id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[^\\0]*$"},message:"must match pattern \""+"^[a-z0-9_]+:[^\\0]*$"+"\"",schema:"^[a-z0-9_]+:[^\\0]*$",parentSchema:schema15.properties.test_id,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/test_id",schemaPath:"#/properties/test_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.test_id.type,parentSchema:schema15.properties.test_id,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.present !== undefined){
let data7 = data.present;
if(typeof data7 !== "boolean"){
const err19 = {instancePath:instancePath+"/present",schemaPath:"#/properties/present/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.present.type,parentSchema:schema15.properties.present,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.comment !== undefined){
let data8 = data.comment;
if(typeof data8 === "string"){
if(!pattern2.test(data8)){
const err20 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/pattern",keyword:"pattern",params:{pattern: "^[^\\0]*$"},message:"must match pattern \""+"^[^\\0]*$"+"\"",schema:"^[^\\0]*$",parentSchema:schema15.properties.comment,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/comment",schemaPath:"#/properties/comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.comment.type,parentSchema:schema15.properties.comment,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.misc !== undefined){
let data9 = data.misc;
if(!(data9 && typeof data9 == "object" && !Array.isArray(data9))){
const err22 = {instancePath:instancePath+"/misc",schemaPath:"#/properties/misc/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.misc.type,parentSchema:schema15.properties.misc,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate44.errors = vErrors;
return errors === 0;
}


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema6.required,parentSchema:schema6,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "version") || (key0 === "checkouts")) || (key0 === "builds")) || (key0 === "tests")) || (key0 === "issues")) || (key0 === "incidents"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema6,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.major === undefined){
const err2 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/required",keyword:"required",params:{missingProperty: "major"},message:"must have required property '"+"major"+"'",schema:schema6.properties.version.required,parentSchema:schema6.properties.version,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data0){
if(!((key1 === "major") || (key1 === "minor"))){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema6.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.major !== undefined){
let data1 = data0.major;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/version/major",schemaPath:"#/properties/version/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema6.properties.version.properties.major.type,parentSchema:schema6.properties.version.properties.major,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(5 !== data1){
const err5 = {instancePath:instancePath+"/version/major",schemaPath:"#/properties/version/properties/major/const",keyword:"const",params:{allowedValue: 5},message:"must be equal to constant",schema:5,parentSchema:schema6.properties.version.properties.major,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data0.minor !== undefined){
let data2 = data0.minor;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/version/minor",schemaPath:"#/properties/version/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema6.properties.version.properties.minor.type,parentSchema:schema6.properties.version.properties.minor,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 3 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/version/minor",schemaPath:"#/properties/version/properties/minor/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3},message:"must be <= 3",schema:3,parentSchema:schema6.properties.version.properties.minor,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/version/minor",schemaPath:"#/properties/version/properties/minor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema6.properties.version.properties.minor,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.properties.version.type,parentSchema:schema6.properties.version,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.checkouts !== undefined){
let data3 = data.checkouts;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate22(data3[i0], {instancePath:instancePath+"/checkouts/" + i0,parentData:data3,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath:instancePath+"/checkouts",schemaPath:"#/properties/checkouts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.checkouts.type,parentSchema:schema6.properties.checkouts,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.builds !== undefined){
let data5 = data.builds;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(!(validate28(data5[i1], {instancePath:instancePath+"/builds/" + i1,parentData:data5,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err11 = {instancePath:instancePath+"/builds",schemaPath:"#/properties/builds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.builds.type,parentSchema:schema6.properties.builds,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.tests !== undefined){
let data7 = data.tests;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
if(!(validate34(data7[i2], {instancePath:instancePath+"/tests/" + i2,parentData:data7,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err12 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.tests.type,parentSchema:schema6.properties.tests,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.issues !== undefined){
let data9 = data.issues;
if(Array.isArray(data9)){
const len3 = data9.length;
for(let i3=0; i3<len3; i3++){
if(!(validate41(data9[i3], {instancePath:instancePath+"/issues/" + i3,parentData:data9,parentDataProperty:i3,rootData}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
}
}
else {
const err13 = {instancePath:instancePath+"/issues",schemaPath:"#/properties/issues/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.issues.type,parentSchema:schema6.properties.issues,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.incidents !== undefined){
let data11 = data.incidents;
if(Array.isArray(data11)){
const len4 = data11.length;
for(let i4=0; i4<len4; i4++){
if(!(validate44(data11[i4], {instancePath:instancePath+"/incidents/" + i4,parentData:data11,parentDataProperty:i4,rootData}))){
vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
errors = vErrors.length;
}
}
}
else {
const err14 = {instancePath:instancePath+"/incidents",schemaPath:"#/properties/incidents/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema6.properties.incidents.type,parentSchema:schema6.properties.incidents,data:data11};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema6.type,parentSchema:schema6,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
